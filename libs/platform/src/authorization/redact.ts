import { permittedFieldsOf } from '@casl/ability/extra';
import { Principal } from '../context/request-context';
import { abilityFor, AppAbility, Subject } from './abilities';

type Reader = Pick<Principal, 'roles'>;

/**
 * Which of `fields` of a `subject` the principal may read: the one question every view that
 * embeds another subject's data asks (a vehicle's history showing its invoices), so a role the
 * subject's own endpoint refuses (403) cannot read the same figures through a neighbour's view.
 * A grant without fields covers all of them; `can('read', 'Invoice', ['number'])` covers some.
 */
export function readableFields(reader: Reader | AppAbility, subject: Exclude<Subject, 'all'>, fields: readonly string[]): string[] {
  const ability = 'roles' in reader ? abilityFor(reader) : reader;
  const permitted = new Set(permittedFieldsOf(ability, 'read', subject, { fieldsFrom: (rule) => rule.fields ?? [...fields] }));
  return fields.filter((field) => permitted.has(field));
}

/** `value` with only the fields the principal may read; null when it may read none of them (or there is no value). */
export function redactFor<T extends object>(reader: Reader | AppAbility, subject: Exclude<Subject, 'all'>, value: T | null | undefined): Partial<T> | null {
  if (!value) return null;
  const fields = readableFields(reader, subject, Object.keys(value));
  if (fields.length === 0) return null;
  return Object.fromEntries(fields.map((field) => [field, value[field as keyof T]])) as Partial<T>;
}

/**
 * `value` whole, or null unless the principal may read every field of it: for embedded views
 * whose schema declares the fields non-null (a half-visible invoice would break the contract).
 */
export function visibleTo<T extends object>(reader: Reader | AppAbility, subject: Exclude<Subject, 'all'>, value: T | null | undefined): T | null {
  if (!value) return null;
  const keys = Object.keys(value);
  return readableFields(reader, subject, keys).length === keys.length ? value : null;
}
