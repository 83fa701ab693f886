import { AbilityBuilder, createMongoAbility, MongoAbility } from '@casl/ability';
import { Principal, Role } from '../context/request-context';

export type Action =
  | 'manage' | 'create' | 'read' | 'update' | 'send' | 'approve' | 'decline' | 'invite' | 'verify' | 'replay'
  /** RepairOrder: put technicians on lines; clock in and sign off own lines; ask for review; approve or return work. */
  | 'assign' | 'work' | 'submit' | 'review'
  /** Invoice: record a payment; record a refund of one; void an invoice nothing is paid on ('create' issues one). */
  | 'pay' | 'refund' | 'void'
  /** PaymentAccount: connect the tenant's Stripe account (owners only). */
  | 'connect'
  /** Reservation: book a slot; cancel one; check the customer in; mark it done. */
  | 'reserve' | 'cancel' | 'check_in' | 'complete'
  /** ApprovalRequest: decide a gate (approve, reject, send back); take back one's own; hand one's gates to a delegate. */
  | 'decide' | 'withdraw' | 'delegate';

/**
 * A CASL subject. Open: each context declares its own as a string literal union (`ShopSubject`)
 * and types its grants with it, so a misspelt subject in a grant does not compile; the kernel only
 * knows 'all' and its own (notifications).
 */
export type Subject = string;
export type AppAbility = MongoAbility<[Action, Subject]>;

/** `can(...)` narrowed to one context's subjects. */
export type Can<S extends string> = (action: Action | Action[], subject: S | S[], fields?: string | string[]) => void;
export type Grant<S extends string = string> = (can: Can<S>) => void;

/** What a context lets each role do with its own subjects; roles add up (a user with several gets the union). */
export interface ContextGrants<S extends string = string> {
  roles: Partial<Record<Role, Grant<S>>>;
  /** Rules only an owner keeps, even over an admin's `manage all` (where the shop's money is paid out). */
  ownerOnly?: readonly (readonly [Action, S])[];
}

export type KernelSubject = 'all' | 'Notification' | 'WebhookEndpoint';

/** The kernel's own: owners and admins manage everything; notifications are the kernel's. */
export const KERNEL_GRANTS: ContextGrants<KernelSubject> = {
  roles: {
    owner: (can) => can('manage', 'all'),
    admin: (can) => can('manage', 'all'),
    auditor: (can) => can('read', 'Notification'),
  },
  // Where the shop's notifications (and their signing secret) go.
  ownerOnly: [['create', 'WebhookEndpoint']],
};

/** The principal's ability under the kernel's grants and those of `contexts`. */
export function abilityFrom(principal: Pick<Principal, 'roles'>, contexts: readonly ContextGrants[]): AppAbility {
  const builder = new AbilityBuilder<AppAbility>(createMongoAbility);
  const can: Can<string> = (action, subject, fields) => builder.can(action, subject, fields);
  const all = [KERNEL_GRANTS as ContextGrants, ...contexts];
  for (const grants of all) for (const role of principal.roles) grants.roles[role]?.(can);
  if (!principal.roles.includes('owner')) {
    for (const grants of all) for (const [action, subject] of grants.ownerOnly ?? []) builder.cannot(action, subject);
  }
  return builder.build();
}
