import { ROLES } from '../context/request-context';
import { abilityFor } from './abilities';

describe('abilities', () => {
  it('lets a service advisor approve a quote but not a technician', () => {
    expect(abilityFor({ roles: ['service_advisor'] }).can('approve', 'Quote')).toBe(true);
    expect(abilityFor({ roles: ['technician'] }).can('approve', 'Quote')).toBe(false);
  });

  it('lets an auditor read and verify but never write', () => {
    const auditor = abilityFor({ roles: ['auditor'] });
    expect(auditor.can('verify', 'AuditLog')).toBe(true);
    expect(auditor.can('read', 'Quote')).toBe(true);
    for (const action of ['create', 'update', 'approve', 'send', 'decline'] as const) {
      expect(auditor.can(action, 'Quote')).toBe(false);
      expect(auditor.can(action, 'Customer')).toBe(false);
    }
  });

  it('gives the owner everything and a user without roles nothing', () => {
    expect(abilityFor({ roles: ['owner'] }).can('invite', 'User')).toBe(true);
    expect(abilityFor({ roles: [] }).can('read', 'Quote')).toBe(false);
  });

  it('adds up the grants of several roles', () => {
    const both = abilityFor({ roles: ['technician', 'front_desk'] });
    expect(both.can('create', 'Customer')).toBe(true);
    expect(both.can('approve', 'Quote')).toBe(false);
  });

  it('lets a manager open and change a location, and every role read locations', () => {
    const manager = abilityFor({ roles: ['manager'] });
    expect(manager.can('create', 'Location')).toBe(true);
    expect(manager.can('update', 'Location')).toBe(true);
    for (const role of ROLES) expect(abilityFor({ roles: [role] }).can('read', 'Location')).toBe(true);
  });

  it('keeps location changes from every role below manager', () => {
    for (const role of ROLES.filter((r) => !['owner', 'admin', 'manager'].includes(r))) {
      const ability = abilityFor({ roles: [role] });
      expect([role, ability.can('create', 'Location'), ability.can('update', 'Location')]).toEqual([role, false, false]);
    }
  });

  it('lets a manager and a service advisor define and revise canned jobs, and every role read the catalog', () => {
    for (const role of ['manager', 'service_advisor'] as const) {
      const ability = abilityFor({ roles: [role] });
      expect([role, ability.can('create', 'CannedJob'), ability.can('update', 'CannedJob')]).toEqual([role, true, true]);
    }
    for (const role of ROLES) expect(abilityFor({ roles: [role] }).can('read', 'CannedJob')).toBe(true);
  });

  it('keeps canned job changes from technicians, front desk, finance and auditors', () => {
    for (const role of ROLES.filter((r) => !['owner', 'admin', 'manager', 'service_advisor'].includes(r))) {
      const ability = abilityFor({ roles: [role] });
      expect([role, ability.can('create', 'CannedJob'), ability.can('update', 'CannedJob')]).toEqual([role, false, false]);
    }
  });
});
