import { registerEnumType } from '@nestjs/graphql';
import { ROLES, Role } from './request-context';

/**
 * GraphQL enums over the platform's closed lists, so a client's schema names the allowed values
 * (as the OpenAPI `enum`s do). The values are their own GraphQL names: nothing is renamed.
 */
const enumOf = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const RoleEnum = enumOf<Role>(ROLES);
registerEnumType(RoleEnum, { name: 'Role', description: "A user's role in their shop (tenant); a user may hold several" });
