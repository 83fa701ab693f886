import { AbilityBuilder, createMongoAbility, MongoAbility } from '@casl/ability';
import { Principal, Role } from '../context/request-context';

export type Action =
  | 'manage' | 'create' | 'read' | 'update' | 'send' | 'approve' | 'decline' | 'invite' | 'verify' | 'replay';
export type Subject = 'Location' | 'Customer' | 'Vehicle' | 'Quote' | 'CannedJob' | 'User' | 'Tenant' | 'AuditLog' | 'all';
export type AppAbility = MongoAbility<[Action, Subject]>;

type Grant = (can: AbilityBuilder<AppAbility>['can']) => void;

const readShop: Grant = (can) => can('read', ['Location', 'Customer', 'Vehicle', 'Quote', 'CannedJob']);

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
    can('read', ['User', 'Tenant']);
  },
  service_advisor: (can) => {
    can('read', 'Location');
    can(['create', 'read', 'update'], ['Customer', 'Vehicle']);
    can(['create', 'read', 'update', 'send', 'approve', 'decline'], 'Quote');
    can(['create', 'read', 'update'], 'CannedJob');
  },
  front_desk: (can) => {
    can(['create', 'read', 'update'], ['Customer', 'Vehicle']);
    can('read', ['Location', 'Quote']);
    can('read', 'CannedJob');
  },
  technician: readShop,
  finance: (can) => {
    readShop(can);
    can('read', ['Tenant', 'AuditLog']);
  },
  revenue_assurance: (can) => {
    readShop(can);
    can('read', 'AuditLog');
  },
  ceo: (can) => {
    readShop(can);
    can('read', ['Tenant', 'User', 'AuditLog']);
  },
  auditor: (can) => {
    readShop(can);
    can(['read', 'verify', 'replay'], 'AuditLog');
  },
};

export function abilityFor(principal: Pick<Principal, 'roles'>): AppAbility {
  const builder = new AbilityBuilder<AppAbility>(createMongoAbility);
  for (const role of principal.roles) GRANTS[role]?.(builder.can);
  return builder.build();
}
