import { AbilityBuilder, createMongoAbility, MongoAbility } from '@casl/ability';
import { Principal, Role } from '../context/request-context';

export type Action =
  | 'manage' | 'create' | 'read' | 'update' | 'send' | 'approve' | 'decline' | 'invite' | 'verify' | 'replay'
  /** RepairOrder: put technicians on lines; clock in and sign off own lines; ask for review; approve or return work. */
  | 'assign' | 'work' | 'submit' | 'review'
  /** Invoice: record a payment; record a refund of one; void an invoice nothing is paid on ('create' issues one). */
  | 'pay' | 'refund' | 'void'
  /** PaymentAccount: connect the tenant's Stripe account (owners only, see abilityFor). */
  | 'connect';
export type Subject = 'Location' | 'Customer' | 'Vehicle' | 'Quote' | 'CannedJob' | 'RepairOrder' | 'Invoice' | 'User' | 'Tenant' | 'AuditLog' | 'PaymentAccount' | 'Dashboard' | 'Notification' | 'WebhookEndpoint' | 'all';
export type AppAbility = MongoAbility<[Action, Subject]>;

type Grant = (can: AbilityBuilder<AppAbility>['can']) => void;

const readShop: Grant = (can) => can('read', ['Location', 'Customer', 'Vehicle', 'Quote', 'CannedJob', 'RepairOrder']);

/**
 * What each role may do. Roles add up: a user with several roles gets the union. An auditor
 * reads, verifies and replays, and never writes.
 */
const GRANTS: Record<Role, Grant> = {
  owner: (can) => can('manage', 'all'),
  admin: (can) => can('manage', 'all'),
  manager: (can) => {
    can(['create', 'read', 'update'], ['Location', 'Customer', 'Vehicle']);
    can(['create', 'read', 'update', 'send', 'approve', 'decline'], 'Quote');
    can(['create', 'read', 'update'], 'CannedJob');
    can(['read', 'assign', 'submit', 'review'], 'RepairOrder');
    can(['create', 'read', 'pay', 'void'], 'Invoice');
    can('read', 'Dashboard');
    can('read', ['User', 'Tenant']);
  },
  service_advisor: (can) => {
    can('read', 'Location');
    can(['create', 'read', 'update'], ['Customer', 'Vehicle']);
    can(['create', 'read', 'update', 'send', 'approve', 'decline'], 'Quote');
    can(['create', 'read', 'update'], 'CannedJob');
    // Who works a line is the advisor's call, so they list users (technicians) to pick from.
    can(['read', 'assign', 'submit', 'review'], 'RepairOrder');
    can(['create', 'read', 'pay'], 'Invoice');
    can('read', 'Dashboard');
    can('read', 'User');
  },
  front_desk: (can) => {
    can(['create', 'read', 'update'], ['Customer', 'Vehicle']);
    can('read', ['Location', 'Quote']);
    can('read', ['CannedJob', 'RepairOrder']);
    can(['read', 'pay'], 'Invoice');
  },
  // Which lines a technician may work is decided on the repair order (assigned technicians only).
  technician: (can) => {
    readShop(can);
    can(['work', 'submit'], 'RepairOrder');
  },
  // Invoices are not in readShop: a technician has no business with the customer's bill.
  finance: (can) => {
    readShop(can);
    can(['read', 'pay', 'refund', 'void'], 'Invoice');
    can('read', 'Dashboard');
    can('read', 'PaymentAccount');
    can('read', ['Tenant', 'AuditLog']);
  },
  revenue_assurance: (can) => {
    readShop(can);
    can('read', 'Invoice');
    can('read', 'AuditLog');
  },
  ceo: (can) => {
    readShop(can);
    can('read', 'Invoice');
    can('read', ['Tenant', 'User', 'AuditLog']);
  },
  auditor: (can) => {
    readShop(can);
    can('read', 'Invoice');
    can(['read', 'verify', 'replay'], 'AuditLog');
    can('read', 'Dashboard');
    can('read', 'Notification');
  },
};

export function abilityFor(principal: Pick<Principal, 'roles'>): AppAbility {
  const builder = new AbilityBuilder<AppAbility>(createMongoAbility);
  for (const role of principal.roles) GRANTS[role]?.(builder.can);
  // Where the shop's money is paid out is the owner's decision alone, even over an admin's `manage all`.
  if (!principal.roles.includes('owner')) builder.cannot('connect', 'PaymentAccount');
  // So is where the shop's notifications (and their signing secret) go.
  if (!principal.roles.includes('owner')) builder.cannot('create', 'WebhookEndpoint');
  return builder.build();
}
