import { AbilityBuilder, createMongoAbility } from '@casl/ability';
import { abilityFor, AppAbility, readableFields, redactFor, registerGrants, ROLES, visibleTo } from '@workbay/platform';
import { CONTEXTS } from './contexts';

// The abilities the apps build: the kernel's grants and those of every context in the apps' list.
beforeAll(() => {
  for (const context of CONTEXTS) registerGrants(context.name, context.grants);
});

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

  it('lets advisors and managers assign and review repair-order work, technicians work it, and every role read repair orders', () => {
    for (const role of ['manager', 'service_advisor'] as const) {
      const ability = abilityFor({ roles: [role] });
      expect([role, ability.can('assign', 'RepairOrder'), ability.can('review', 'RepairOrder'), ability.can('work', 'RepairOrder')]).toEqual([role, true, true, false]);
    }
    const technician = abilityFor({ roles: ['technician'] });
    expect([technician.can('work', 'RepairOrder'), technician.can('submit', 'RepairOrder')]).toEqual([true, true]);
    expect([technician.can('assign', 'RepairOrder'), technician.can('review', 'RepairOrder')]).toEqual([false, false]);
    for (const role of ROLES) expect(abilityFor({ roles: [role] }).can('read', 'RepairOrder')).toBe(true);
  });

  it('keeps repair-order writes from front desk, finance, revenue assurance, the CEO and auditors', () => {
    for (const role of ['front_desk', 'finance', 'revenue_assurance', 'ceo', 'auditor'] as const) {
      const ability = abilityFor({ roles: [role] });
      const writes = (['assign', 'work', 'submit', 'review'] as const).map((action) => ability.can(action, 'RepairOrder'));
      expect([role, ...writes]).toEqual([role, false, false, false, false]);
    }
  });

  it('grants invoice actions by role: advisors and managers issue, the counter takes payments, finance refunds, auditors only read', () => {
    const can = (role: (typeof ROLES)[number]) => {
      const ability = abilityFor({ roles: [role] });
      return (['create', 'read', 'pay', 'refund', 'void'] as const).filter((action) => ability.can(action, 'Invoice'));
    };
    expect(Object.fromEntries(ROLES.map((role) => [role, can(role)]))).toEqual({
      owner: ['create', 'read', 'pay', 'refund', 'void'],
      admin: ['create', 'read', 'pay', 'refund', 'void'],
      manager: ['create', 'read', 'pay', 'void'],
      service_advisor: ['create', 'read', 'pay'],
      technician: [],
      front_desk: ['read', 'pay'],
      finance: ['read', 'pay', 'refund', 'void'],
      revenue_assurance: ['read'],
      ceo: ['read'],
      auditor: ['read'],
    });
  });

  it('lets owners and admins change users, and advisors and managers only list them', () => {
    for (const role of ['owner', 'admin'] as const) expect(abilityFor({ roles: [role] }).can('update', 'User')).toBe(true);
    for (const role of ['manager', 'service_advisor'] as const) {
      const ability = abilityFor({ roles: [role] });
      expect([role, ability.can('read', 'User'), ability.can('update', 'User')]).toEqual([role, true, false]);
    }
    expect(abilityFor({ roles: ['technician'] }).can('read', 'User')).toBe(false);
  });

  it('shows the shop dashboards to owners, admins, managers, advisors, finance and auditors, and not to technicians', () => {
    const readers = ['owner', 'admin', 'manager', 'service_advisor', 'finance', 'auditor'] as const;
    for (const role of readers) expect([role, abilityFor({ roles: [role] }).can('read', 'Dashboard')]).toEqual([role, true]);
    expect(abilityFor({ roles: ['technician'] }).can('read', 'Dashboard')).toBe(false);
    for (const role of ['manager', 'finance', 'auditor'] as const) expect(abilityFor({ roles: [role] }).can('update', 'Dashboard')).toBe(false);
  });
});

describe('field-level reads (redactFor, visibleTo)', () => {
  const invoice = { invoiceId: 'inv-1', number: 'INV-000001', grandTotalMinor: 1_000, paidMinor: 400 };

  it('shows an invoice embedded in another view only to roles that may read invoices', () => {
    expect(redactFor({ roles: ['technician'] }, 'Invoice', invoice)).toBeNull();
    expect(visibleTo({ roles: ['technician'] }, 'Invoice', invoice)).toBeNull();
    for (const role of ['service_advisor', 'front_desk', 'finance', 'owner'] as const) {
      expect(redactFor({ roles: [role] }, 'Invoice', invoice)).toEqual(invoice);
      expect(visibleTo({ roles: [role] }, 'Invoice', invoice)).toBe(invoice);
    }
    expect(readableFields({ roles: ['technician', 'front_desk'] }, 'Invoice', Object.keys(invoice))).toEqual(Object.keys(invoice));
  });

  it('keeps only the granted fields of a field-level grant, and refuses a partial view where the whole is needed', () => {
    const builder = new AbilityBuilder<AppAbility>(createMongoAbility);
    builder.can('read', 'Invoice', ['invoiceId', 'number']);
    const ability = builder.build();
    expect(redactFor(ability, 'Invoice', invoice)).toEqual({ invoiceId: 'inv-1', number: 'INV-000001' });
    expect(visibleTo(ability, 'Invoice', invoice)).toBeNull();
    builder.cannot('read', 'Invoice', ['number']);
    expect(redactFor(builder.build(), 'Invoice', invoice)).toEqual({ invoiceId: 'inv-1' });
  });
});
