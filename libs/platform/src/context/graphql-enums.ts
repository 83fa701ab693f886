import { registerEnumType } from '@nestjs/graphql';
import { ROLES, Role } from './request-context';

/**
 * GraphQL enums over the platform's closed lists, so a client's schema names the allowed values
 * (as the OpenAPI `enum`s do). The values are their own GraphQL names: nothing is renamed.
 */
const enumOf = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const RoleEnum = enumOf<Role>(ROLES);
const ROLE_DESCRIPTIONS = {
  owner: 'owns the shop; may do everything',
  admin: 'administers the shop; may do everything',
  manager: 'runs the floor: customers, quotes, repair orders and invoices',
  service_advisor: 'serves customers: quotes, repair orders and invoices',
  technician: 'works the repair-order lines assigned to them',
  front_desk: 'receives customers: customers, vehicles and payments',
  finance: 'handles invoices: payments, refunds and voids',
  revenue_assurance: 'reads the shop and its invoices; oversees approvals',
  ceo: 'reads the shop and its invoices; oversees approvals',
  auditor: 'reads everything and changes nothing',
} satisfies Record<Role, string>;
registerEnumType(RoleEnum, {
  name: 'Role',
  description: "A user's role in their shop (tenant); a user may hold several",
  valuesMap: Object.fromEntries(ROLES.map((r) => [r, { description: ROLE_DESCRIPTIONS[r] }])) as never,
});
