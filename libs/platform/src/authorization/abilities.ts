import { Principal } from '../context/request-context';
import { abilityFrom, AppAbility, ContextGrants } from './grants';

export * from './grants';

/**
 * The grants of the contexts this process serves, by context name. One per process rather than a
 * provider because the guard and the free redaction helpers (`readableFields`, used inside
 * views) both ask; registering a context again (a second app in one test process) replaces it.
 */
const registered = new Map<string, ContextGrants>();

export function registerGrants(context: string, grants: ContextGrants): void {
  registered.set(context, grants);
}

export function abilityFor(principal: Pick<Principal, 'roles'>): AppAbility {
  return abilityFrom(principal, [...registered.values()]);
}
