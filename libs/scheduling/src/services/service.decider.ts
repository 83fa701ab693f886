/**
 * Service aggregate: what a customer books ("Oil change, 45 min, needs a bay and a technician"):
 * duration, price, the resources it takes (every need met, or no booking), seats per booking,
 * its own booking rules and whether it is offered online. active -> retired. Its state is the
 * shared fold (shared/schedule-fold.rules.ts). Pure: the facts about the resources a need names
 * are looked up by the handler and arrive on the command, as do time and the actor.
 */
import { Decider } from '@workbay/eventstore/core';
import { amountMinorProblem, currencyCodeOf, PRICE_MINOR } from '@workbay/platform/fields';
import { evolveService } from '../shared/schedule-fold.rules';
import type { BookingRules, ResourceKind, ServiceDefinition, ServiceNeed } from '../shared/schedule.rules';
import {
  CATALOG_LIMITS, CATALOG_TEXT, InvalidCatalogField, partialBookingRules, requiredText, resourceKind, sameValue, wholeNumber,
} from '../catalog/catalog-fields.rules';
import type { ServiceEvent } from './service.events';
import { ServiceAlreadyDefined, ServiceIsRetired, ServiceNotFound, UnsuitableResource } from './service.errors';

export const MAX_SERVICE_NEEDS = 5;
export const MAX_NEED_RESOURCE_IDS = 100;

/** What the resource streams say about the ids a service's needs name; null: no such resource in this tenant. */
export type KnownResources = Record<string, { locationId: string; kind: ResourceKind; active: boolean } | null>;

export interface ServiceTermsDraft {
  name: string;
  durationMinutes: number;
  price: { amountMinor: number; currency: string };
  needs: ServiceNeed[];
  seatsPerBooking?: number;
  rules?: Partial<BookingRules>;
  bookableOnline?: boolean;
  known: KnownResources;
}

export interface DefineService extends ServiceTermsDraft {
  type: 'DefineService';
  serviceId: string;
  /** An open location of the tenant (checked by the handler). */
  locationId: string;
  definedAt: string;
  actor: string;
}

/** Every term after the change (the location stays). */
export interface ReviseService extends ServiceTermsDraft {
  type: 'ReviseService';
  revisedAt: string;
  actor: string;
}

export interface RetireService {
  type: 'RetireService';
  retiredAt: string;
  actor: string;
}

export type ServiceCommand = DefineService | ReviseService | RetireService;
export type ServiceState = ServiceDefinition | null;

type Terms = Omit<ServiceDefinition, 'serviceId' | 'locationId' | 'active'>;

function validNeeds(needs: unknown, locationId: string, known: KnownResources): ServiceNeed[] {
  if (!Array.isArray(needs) || needs.length === 0) throw new InvalidCatalogField('needs', 'a service needs at least one kind of resource');
  if (needs.length > MAX_SERVICE_NEEDS) throw new InvalidCatalogField('needs', `at most ${MAX_SERVICE_NEEDS} kinds of resource`);
  const kinds = new Set<ResourceKind>();
  return needs.map((raw: Partial<ServiceNeed>, i): ServiceNeed => {
    const at = `needs[${i}]`;
    const kind = resourceKind(`${at}.kind`, raw?.kind);
    if (kinds.has(kind)) throw new InvalidCatalogField(`${at}.kind`, `${kind} is needed twice; ask for count ${kind}s in one need`);
    kinds.add(kind);
    const count = wholeNumber(`${at}.count`, raw.count ?? 1, CATALOG_LIMITS.needCount);
    if (raw.resourceIds === undefined || raw.resourceIds === null) return { kind, count };
    if (!Array.isArray(raw.resourceIds) || raw.resourceIds.length > MAX_NEED_RESOURCE_IDS) throw new InvalidCatalogField(`${at}.resourceIds`, `must be a list of at most ${MAX_NEED_RESOURCE_IDS} resource ids`);
    const ids = [...new Set(raw.resourceIds)];
    ids.forEach((id) => {
      const field = `${at}.resourceIds[${raw.resourceIds!.indexOf(id)}]`;
      const resource = known[id];
      if (!resource) throw new UnsuitableResource(field, 'no such resource');
      if (resource.locationId !== locationId) throw new UnsuitableResource(field, "the resource is at another location than the service");
      if (resource.kind !== kind) throw new UnsuitableResource(field, `the resource is a ${resource.kind}, not a ${kind}`);
      if (!resource.active) throw new UnsuitableResource(field, 'the resource is retired');
    });
    if (ids.length < count) throw new InvalidCatalogField(`${at}.resourceIds`, `names ${ids.length} resources but the need takes ${count}`);
    return { kind, count, resourceIds: ids };
  });
}

function validTerms(draft: ServiceTermsDraft, locationId: string): Terms {
  const name = requiredText('name', draft.name, CATALOG_TEXT.name);
  const durationMinutes = wholeNumber('durationMinutes', draft.durationMinutes, CATALOG_LIMITS.durationMinutes);
  const problem = amountMinorProblem(draft.price?.amountMinor, PRICE_MINOR);
  if (problem) throw new InvalidCatalogField('price.amountMinor', problem);
  const currency = currencyCodeOf(draft.price?.currency);
  if (!currency) throw new InvalidCatalogField('price.currency', `'${String(draft.price?.currency)}' is not an ISO 4217 currency code`);
  const needs = validNeeds(draft.needs, locationId, draft.known ?? {});
  const seatsPerBooking = wholeNumber('seatsPerBooking', draft.seatsPerBooking ?? 1, CATALOG_LIMITS.seatsPerBooking);
  const rules = partialBookingRules('rules', draft.rules);
  if (draft.bookableOnline !== undefined && typeof draft.bookableOnline !== 'boolean') throw new InvalidCatalogField('bookableOnline', 'must be true or false');
  return { name, durationMinutes, price: { amountMinor: draft.price.amountMinor, currency }, needs, seatsPerBooking, rules, bookableOnline: draft.bookableOnline ?? false };
}

function active(state: ServiceState, action: string): ServiceDefinition {
  if (!state) throw new ServiceNotFound();
  if (!state.active) throw new ServiceIsRetired(action);
  return state;
}

export const serviceDecider: Decider<ServiceState, ServiceCommand, ServiceEvent> = {
  initialState: () => null,

  decide(command, state) {
    switch (command.type) {
      case 'DefineService': {
        if (state) throw new ServiceAlreadyDefined();
        const terms = validTerms(command, command.locationId);
        return [{ type: 'ServiceDefined', data: { serviceId: command.serviceId, locationId: command.locationId, ...terms, definedAt: command.definedAt } }];
      }
      case 'ReviseService': {
        const current = active(state, 'revised');
        const terms = validTerms(command, current.locationId);
        const { serviceId, locationId, active: _active, ...before } = current;
        if (sameValue(terms, before)) return [];
        return [{ type: 'ServiceRevised', data: { serviceId, locationId, ...terms, revisedAt: command.revisedAt } }];
      }
      case 'RetireService': {
        const current = active(state, 'retired');
        return [{ type: 'ServiceRetired', data: { serviceId: current.serviceId, retiredAt: command.retiredAt } }];
      }
      default: {
        const unknown: never = command;
        throw new Error(`unknown service command ${JSON.stringify(unknown)}`);
      }
    }
  },

  evolve: evolveService,
};
