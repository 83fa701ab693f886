import { abilityFrom } from '../authorization/grants';
import { assertDistinct, ContextManifest, contextModules } from './context-manifest';

const context = (name: string, overrides: Partial<ContextManifest> = {}): ContextManifest => ({
  name, module: {}, entities: [], projections: [], processes: [], migrations: [], grants: { roles: {} }, auditableRecords: [], ...overrides,
});
const projection = (name: string) => ({ name, eventTypes: [], tables: [], apply: async () => undefined });

describe('context manifests', () => {
  it('refuses two contexts, or two projections, of one name', () => {
    expect(() => assertDistinct([context('a'), context('a')])).toThrow("two contexts named 'a'");
    expect(() => assertDistinct([context('a', { projections: [projection('p')] }), context('b', { projections: [projection('p')] })])).toThrow("two projections named 'p'");
    expect(() => assertDistinct([context('a', { projections: [projection('p')] }), context('b', { projections: [projection('q')] })])).not.toThrow();
  });

  it("takes each app's module from the manifests, skipping a context absent from that app", () => {
    class Api {}
    class Worker {}
    expect(contextModules([context('a', { module: { api: Api, worker: Worker } }), context('b', { module: { api: Api } })], 'worker')).toEqual([Worker]);
  });

  it("builds abilities from the union of the contexts' grants, an owner-only rule holding over an admin", () => {
    const grants = [
      { roles: { technician: (can: (a: 'read', s: string) => void) => can('read', 'Note') } },
      { roles: { technician: (can: (a: 'read', s: string) => void) => can('read', 'Memo') }, ownerOnly: [['read', 'Secret'] as const] },
    ];
    const technician = abilityFrom({ roles: ['technician'] }, grants);
    expect(technician.can('read', 'Note') && technician.can('read', 'Memo')).toBe(true);
    expect(technician.can('read', 'Other')).toBe(false);
    expect(abilityFrom({ roles: ['admin'] }, grants).can('read', 'Secret')).toBe(false);
    expect(abilityFrom({ roles: ['owner'] }, grants).can('read', 'Secret')).toBe(true);
  });
});
