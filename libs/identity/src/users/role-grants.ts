import { AppError, ConflictError } from '@workbay/platform';

/**
 * Who may change whose access, as one pure rule (used by role changes, invitations,
 * deactivation and reactivation alike). The principle: a user may only grant, remove or revoke
 * roles whose powers they hold themselves. An owner holds every power, so an owner may grant
 * anything. An admin holds `manage all` except connecting the payout account, which is the
 * owner's alone: an admin may grant and remove `admin` (it gives away no power the admin lacks)
 * and every lesser role, but never `owner`, and may not touch an owner's access at all (that
 * would let an admin demote or lock out the founder). Every other role manages no users.
 */
export type AccessAction = 'change roles' | 'invite' | 'deactivate' | 'reactivate';

export interface AccessChange {
  action: AccessAction;
  /** The acting user with the roles their record holds now (not as their token said). */
  actor: { userId: string; roles: readonly string[] };
  /** The user whose access changes; `userId: null` and no roles for someone being invited. */
  target: { userId: string | null; roles: readonly string[] };
  /** The roles the target can use afterwards: none once deactivated, all of them once reactivated. */
  rolesAfter: readonly string[];
  /** Active owners of the tenant other than the target, counted under the tenant's access lock. */
  otherActiveOwners: number;
}

export type AccessRefusalCode = 'ROLE_GRANT_FORBIDDEN' | 'OWN_ROLES' | 'OWN_ACCOUNT' | 'LAST_OWNER';

export interface AccessRefusal {
  code: AccessRefusalCode;
  message: string;
}

const OWNER = 'owner';
const ADMIN = 'admin';

/** The roles a set of roles may grant or take away: only those whose powers it holds. */
function mayGrant(actorRoles: readonly string[], role: string): boolean {
  if (actorRoles.includes(OWNER)) return true;
  return actorRoles.includes(ADMIN) && role !== OWNER;
}

/** Why this change of access is refused, or null when it may go ahead. */
export function accessChangeRefusal(change: AccessChange): AccessRefusal | null {
  const { action, actor, target, rolesAfter } = change;
  const before = new Set(target.roles);
  const after = new Set(rolesAfter);
  const touched = [...new Set([...before, ...after])].filter((r) => before.has(r) !== after.has(r));
  // A change of roles that changes none (a home location alone) is not this rule's business; a
  // deactivation always is, even of a user without roles.
  if (touched.length === 0 && (action === 'change roles' || action === 'invite')) return null;

  // Authority first: an admin reaching for an owner hears that it lacks the power, whatever else holds.
  if (!actor.roles.includes(OWNER) && !actor.roles.includes(ADMIN)) {
    return { code: 'ROLE_GRANT_FORBIDDEN', message: `your roles (${actor.roles.join(', ') || 'none'}) may not ${action === 'change roles' ? 'change roles' : `${action} users`}` };
  }
  if (before.has(OWNER) && !actor.roles.includes(OWNER)) {
    return { code: 'ROLE_GRANT_FORBIDDEN', message: `only an owner may ${action === 'change roles' ? "change an owner's roles" : `${action} an owner`}` };
  }
  const beyond = touched.filter((r) => !mayGrant(actor.roles, r));
  if (beyond.length > 0) {
    return { code: 'ROLE_GRANT_FORBIDDEN', message: `your roles (${actor.roles.join(', ') || 'none'}) may not grant or remove ${beyond.join(', ')}` };
  }
  // The shop must keep someone who can change access; "last" counts active owners only.
  if (before.has(OWNER) && !after.has(OWNER) && change.otherActiveOwners === 0) {
    return { code: 'LAST_OWNER', message: 'the last owner keeps the owner role and stays active; make someone else owner first' };
  }
  // Nobody raises, lowers or locks out themselves: a second person always decides a change of access.
  if (target.userId !== null && target.userId === actor.userId) {
    return action === 'change roles'
      ? { code: 'OWN_ROLES', message: 'nobody changes their own roles; ask another owner or admin' }
      : { code: 'OWN_ACCOUNT', message: `nobody may ${action} their own account` };
  }
  return null;
}

/** A change of access the rules above refuse: 403, or 409 for the last owner. */
export class AccessChangeRefused extends AppError {
  readonly status = 403;
  constructor(readonly code: Exclude<AccessRefusalCode, 'LAST_OWNER'>, message: string) {
    super(message);
  }
}

/** Throws the refusal of `change`, if there is one. */
export function assertAccessChange(change: AccessChange): void {
  const refusal = accessChangeRefusal(change);
  if (!refusal) return;
  if (refusal.code === 'LAST_OWNER') throw new ConflictError(refusal.message, 'LAST_OWNER');
  throw new AccessChangeRefused(refusal.code, refusal.message);
}

/** The rule for an invitation: the inviter must be able to grant every role the invitee gets. */
export function assertMayInvite(inviter: { userId: string; roles: readonly string[] }, roles: readonly string[]): void {
  // Nobody loses a role by an invitation, so the last-owner count cannot matter here.
  assertAccessChange({ action: 'invite', actor: inviter, target: { userId: null, roles: [] }, rolesAfter: roles, otherActiveOwners: Number.POSITIVE_INFINITY });
}
