import { given } from '@workbay/eventstore/testing';
import { InvalidCatalogField } from '../catalog/catalog-fields.rules';
import { DefineService, KnownResources, serviceDecider } from './service.decider';
import { ServiceAlreadyDefined, ServiceIsRetired, ServiceNotFound, UnsuitableResource } from './service.errors';
import type { ServiceDefined, ServiceRetired } from './service.events';

const AT = '2026-03-01T09:00:00.000Z';
const known: KnownResources = {
  'bay-1': { locationId: 'loc-1', kind: 'bay', active: true },
  'bay-2': { locationId: 'loc-1', kind: 'bay', active: true },
  'bay-far': { locationId: 'loc-2', kind: 'bay', active: true },
  'tech-1': { locationId: 'loc-1', kind: 'technician', active: true },
  'bay-old': { locationId: 'loc-1', kind: 'bay', active: false },
  'gone': null,
};
const OIL = {
  name: 'Oil change', durationMinutes: 45, price: { amountMinor: 150000, currency: 'inr' },
  needs: [{ kind: 'bay' as const, count: 1, resourceIds: ['bay-1', 'bay-2'] }, { kind: 'technician' as const, count: 1 }],
};
const define = (overrides: Partial<DefineService> = {}): DefineService => ({
  type: 'DefineService', serviceId: 's-1', locationId: 'loc-1', ...OIL, known, definedAt: AT, actor: 'user-1', ...overrides,
});
const defined: ServiceDefined = {
  type: 'ServiceDefined',
  data: {
    serviceId: 's-1', locationId: 'loc-1', name: 'Oil change', durationMinutes: 45, price: { amountMinor: 150000, currency: 'INR' },
    needs: [{ kind: 'bay', count: 1, resourceIds: ['bay-1', 'bay-2'] }, { kind: 'technician', count: 1 }],
    seatsPerBooking: 1, rules: {}, bookableOnline: false, definedAt: AT,
  },
};
const retired: ServiceRetired = { type: 'ServiceRetired', data: { serviceId: 's-1', retiredAt: AT } };
const needs = (n: unknown) => define({ needs: n as never });

describe('Service', () => {
  it('defines a service that needs a bay (one of two) and any technician, in upper-case currency, 1 seat, not online', () => {
    const state = given(serviceDecider).when(define()).then([defined]);
    expect(state).toMatchObject({ active: true, seatsPerBooking: 1 });
  });

  it('keeps its own rules, a class booking of 2 seats, and online booking', () => {
    given(serviceDecider).when(define({ seatsPerBooking: 2, bookableOnline: true, rules: { minNoticeMinutes: 120, dailyLimit: null } })).then([{
      ...defined, data: { ...defined.data, seatsPerBooking: 2, bookableOnline: true, rules: { minNoticeMinutes: 120 } },
    }]);
  });

  it('needs at least one kind of resource, each kind once, count from 1 to 10', () => {
    given(serviceDecider).when(needs([])).thenThrows(InvalidCatalogField, { field: 'needs' });
    given(serviceDecider).when(needs([{ kind: 'bay' }, { kind: 'bay', count: 2 }])).thenThrows(InvalidCatalogField, { field: 'needs[1].kind' });
    given(serviceDecider).when(needs([{ kind: 'bay', count: 0 }])).thenThrows(InvalidCatalogField, { field: 'needs[0].count' });
    given(serviceDecider).when(needs([{ kind: 'wizard' }])).thenThrows(InvalidCatalogField, { field: 'needs[0].kind' });
  });

  it("takes only the tenant's own active resources of the need's kind at the service's location (422 naming the id)", () => {
    const one = (id: string, kind = 'bay') => given(serviceDecider).when(needs([{ kind, count: 1, resourceIds: ['bay-1', id] }]));
    one('gone').thenThrows(UnsuitableResource, { field: 'needs[0].resourceIds[1]', kind: 'rule', message: /no such resource/ });
    one('unknown-id').thenThrows(UnsuitableResource, { field: 'needs[0].resourceIds[1]' });
    one('bay-far').thenThrows(UnsuitableResource, { message: /another location/ });
    one('tech-1').thenThrows(UnsuitableResource, { message: /technician, not a bay/ });
    one('bay-old').thenThrows(UnsuitableResource, { message: /retired/ });
    given(serviceDecider).when(needs([{ kind: 'bay', count: 2, resourceIds: ['bay-1'] }])).thenThrows(InvalidCatalogField, { field: 'needs[0].resourceIds' });
  });

  it('names a bad price, duration or name', () => {
    given(serviceDecider).when(define({ price: { amountMinor: -1, currency: 'INR' } })).thenThrows(InvalidCatalogField, { field: 'price.amountMinor' });
    given(serviceDecider).when(define({ price: { amountMinor: 100, currency: 'XYZ' } })).thenThrows(InvalidCatalogField, { field: 'price.currency' });
    given(serviceDecider).when(define({ durationMinutes: 0 })).thenThrows(InvalidCatalogField, { field: 'durationMinutes' });
    given(serviceDecider).when(define({ name: '' })).thenThrows(InvalidCatalogField, { field: 'name' });
  });

  it('revises every term but the location, emits nothing for the same terms, and refuses a second definition', () => {
    given(serviceDecider, [defined]).when({ type: 'ReviseService', ...OIL, durationMinutes: 60, known, revisedAt: AT, actor: 'u' }).then([{
      type: 'ServiceRevised', data: { ...defined.data, definedAt: undefined, durationMinutes: 60, revisedAt: AT } as never,
    }]);
    given(serviceDecider, [defined]).when({ type: 'ReviseService', ...OIL, known, revisedAt: AT, actor: 'u' }).then([]);
    given(serviceDecider, [defined]).when(define()).thenThrows(ServiceAlreadyDefined, { kind: 'conflict' });
  });

  it('retires once; a retired service takes no revision (409); an unknown one is 404', () => {
    const state = given(serviceDecider, [defined]).when({ type: 'RetireService', retiredAt: AT, actor: 'u' }).then([retired]);
    expect(state?.active).toBe(false);
    given(serviceDecider, [defined, retired]).when({ type: 'RetireService', retiredAt: AT, actor: 'u' }).thenThrows(ServiceIsRetired, { kind: 'conflict' });
    given(serviceDecider, [defined, retired]).when({ type: 'ReviseService', ...OIL, known, revisedAt: AT, actor: 'u' }).thenThrows(ServiceIsRetired);
    given(serviceDecider).when({ type: 'RetireService', retiredAt: AT, actor: 'u' }).thenThrows(ServiceNotFound, { kind: 'not-found' });
  });
});
