import { ConflictError } from '@workbay/platform';
import { AccessChange, AccessChangeRefused, accessChangeRefusal, assertAccessChange } from './role-grants';

const OWNER = { userId: 'owner-1', roles: ['owner'] };
const ADMIN = { userId: 'admin-1', roles: ['admin'] };
const ADVISOR = { userId: 'advisor-1', roles: ['service_advisor'] };

const change = (over: Partial<AccessChange>): AccessChange => ({
  action: 'change roles', actor: OWNER, target: ADVISOR, rolesAfter: ADVISOR.roles, otherActiveOwners: 0, ...over,
});
const codeOf = (over: Partial<AccessChange>) => accessChangeRefusal(change(over))?.code ?? null;

describe('who may grant which role', () => {
  it('lets anything through that changes no role (a location change, a repeated grant)', () => {
    expect(codeOf({ actor: ADMIN, target: OWNER, rolesAfter: ['owner'] })).toBeNull();
    expect(codeOf({ actor: OWNER, target: OWNER, rolesAfter: ['owner'] })).toBeNull();
  });

  it('lets an owner promote an admin to owner', () => {
    expect(codeOf({ actor: OWNER, target: ADMIN, rolesAfter: ['admin', 'owner'] })).toBeNull();
  });

  it('refuses an admin making itself owner', () => {
    expect(codeOf({ actor: ADMIN, target: ADMIN, rolesAfter: ['owner'] })).toBe('ROLE_GRANT_FORBIDDEN');
  });

  it('refuses an admin promoting someone else to owner', () => {
    expect(codeOf({ actor: ADMIN, target: ADVISOR, rolesAfter: ['owner'] })).toBe('ROLE_GRANT_FORBIDDEN');
  });

  it("refuses an admin demoting an owner, even the founder who is the last one (authority before the last-owner rule)", () => {
    expect(codeOf({ actor: ADMIN, target: OWNER, rolesAfter: ['manager'] })).toBe('ROLE_GRANT_FORBIDDEN');
    expect(codeOf({ actor: ADMIN, target: OWNER, rolesAfter: ['manager'], otherActiveOwners: 1 })).toBe('ROLE_GRANT_FORBIDDEN');
  });

  it("refuses an admin changing an owner's other roles too", () => {
    expect(codeOf({ actor: ADMIN, target: { userId: 'o2', roles: ['owner', 'finance'] }, rolesAfter: ['owner'] })).toBe('ROLE_GRANT_FORBIDDEN');
  });

  it('lets an admin grant and remove admin and the lesser roles (it gives away no power it lacks)', () => {
    expect(codeOf({ actor: ADMIN, target: ADVISOR, rolesAfter: ['admin'] })).toBeNull();
    expect(codeOf({ actor: ADMIN, target: { userId: 'admin-2', roles: ['admin'] }, rolesAfter: ['technician'] })).toBeNull();
  });

  it('refuses roles that manage no users granting anything', () => {
    expect(codeOf({ actor: { userId: 'm', roles: ['manager'] }, target: ADVISOR, rolesAfter: ['technician'] })).toBe('ROLE_GRANT_FORBIDDEN');
    expect(codeOf({ actor: { userId: 'gone', roles: [] }, target: ADVISOR, rolesAfter: ['technician'] })).toBe('ROLE_GRANT_FORBIDDEN');
  });

  it('refuses anyone changing their own roles, an owner included', () => {
    expect(codeOf({ actor: OWNER, target: OWNER, rolesAfter: ['owner', 'finance'] })).toBe('OWN_ROLES');
    expect(codeOf({ actor: OWNER, target: OWNER, rolesAfter: ['manager'], otherActiveOwners: 1 })).toBe('OWN_ROLES');
    expect(codeOf({ actor: ADMIN, target: ADMIN, rolesAfter: ['technician'] })).toBe('OWN_ROLES');
  });

  it('keeps the last active owner an owner (409), which names the real reason before "own roles"', () => {
    expect(codeOf({ actor: OWNER, target: OWNER, rolesAfter: ['manager'], otherActiveOwners: 0 })).toBe('LAST_OWNER');
    expect(codeOf({ actor: OWNER, target: { userId: 'owner-2', roles: ['owner'] }, rolesAfter: ['manager'], otherActiveOwners: 0 })).toBe('LAST_OWNER');
  });

  it('lets an owner demote another owner while one stays', () => {
    expect(codeOf({ actor: OWNER, target: { userId: 'owner-2', roles: ['owner'] }, rolesAfter: ['manager'], otherActiveOwners: 1 })).toBeNull();
  });
});

describe('who may invite whom', () => {
  const invite = (actor: AccessChange['actor'], roles: string[]) =>
    codeOf({ action: 'invite', actor, target: { userId: null, roles: [] }, rolesAfter: roles, otherActiveOwners: 1 });

  it('refuses an admin inviting an owner', () => expect(invite(ADMIN, ['owner'])).toBe('ROLE_GRANT_FORBIDDEN'));
  it('lets an admin invite an admin or a technician', () => {
    expect(invite(ADMIN, ['admin'])).toBeNull();
    expect(invite(ADMIN, ['technician'])).toBeNull();
  });
  it('lets an owner invite an owner', () => expect(invite(OWNER, ['owner'])).toBeNull());
});

describe('who may deactivate and reactivate whom', () => {
  const deactivate = (over: Partial<AccessChange>) => codeOf({ action: 'deactivate', rolesAfter: [], otherActiveOwners: 1, ...over });
  const reactivate = (actor: AccessChange['actor'], user: { userId: string; roles: string[] }) =>
    codeOf({ action: 'reactivate', actor, target: { userId: user.userId, roles: [] }, rolesAfter: user.roles, otherActiveOwners: 1 });

  it('lets an admin deactivate an advisor or another admin', () => {
    expect(deactivate({ actor: ADMIN, target: ADVISOR })).toBeNull();
    expect(deactivate({ actor: ADMIN, target: { userId: 'admin-2', roles: ['admin'] } })).toBeNull();
  });
  it('refuses an admin deactivating an owner', () => expect(deactivate({ actor: ADMIN, target: OWNER })).toBe('ROLE_GRANT_FORBIDDEN'));
  it('lets an owner deactivate another owner while one stays', () =>
    expect(deactivate({ actor: OWNER, target: { userId: 'owner-2', roles: ['owner'] } })).toBeNull());
  it('refuses deactivating the last active owner (409)', () =>
    expect(deactivate({ actor: OWNER, target: { userId: 'owner-2', roles: ['owner'] }, otherActiveOwners: 0 })).toBe('LAST_OWNER'));
  it('refuses deactivating a user without roles unless the actor manages users, and never oneself', () => {
    const roleless = { userId: 'r', roles: [] };
    expect(deactivate({ actor: ADMIN, target: roleless })).toBeNull();
    expect(deactivate({ actor: { userId: 'm', roles: ['manager'] }, target: roleless })).toBe('ROLE_GRANT_FORBIDDEN');
    expect(deactivate({ actor: { userId: 'r', roles: ['admin'] }, target: { userId: 'r', roles: [] } })).toBe('OWN_ACCOUNT');
  });
  it('refuses anyone deactivating themselves', () => {
    expect(deactivate({ actor: ADMIN, target: ADMIN })).toBe('OWN_ACCOUNT');
    expect(deactivate({ actor: OWNER, target: OWNER })).toBe('OWN_ACCOUNT');
  });
  it('refuses an admin reactivating an owner (it would hand back powers the admin lacks)', () =>
    expect(reactivate(ADMIN, OWNER)).toBe('ROLE_GRANT_FORBIDDEN'));
  it('lets an admin reactivate an advisor and an owner reactivate an owner', () => {
    expect(reactivate(ADMIN, ADVISOR)).toBeNull();
    expect(reactivate(OWNER, { userId: 'owner-2', roles: ['owner'] })).toBeNull();
  });
});

describe('the errors a refusal becomes', () => {
  it('is a 403 with the rule as code, and 409 LAST_OWNER', () => {
    const forbidden = (() => { try { assertAccessChange(change({ actor: ADMIN, target: ADMIN, rolesAfter: ['owner'] })); } catch (e) { return e; } })();
    expect(forbidden).toBeInstanceOf(AccessChangeRefused);
    expect(forbidden).toMatchObject({ status: 403, code: 'ROLE_GRANT_FORBIDDEN' });
    const last = (() => { try { assertAccessChange(change({ target: OWNER, rolesAfter: ['manager'] })); } catch (e) { return e; } })();
    expect(last).toBeInstanceOf(ConflictError);
    expect(last).toMatchObject({ status: 409, code: 'LAST_OWNER' });
    expect(() => assertAccessChange(change({}))).not.toThrow();
  });
});
