import { SetMetadata } from '@nestjs/common';

export const SHOWN_ONCE = 'workbay:shown-once';

/**
 * A command whose answer carries a secret shown once (a new API key): the Idempotency-Key
 * interceptor keeps the answer with these top-level fields set to null, so a repeat gets the
 * record it made (no second one) without the secret, which is never stored anywhere in the clear.
 */
export const ShownOnce = (...fields: string[]) => SetMetadata(SHOWN_ONCE, fields);

/** `value` as kept for repeats: the shown-once fields nulled. */
export function withoutShownOnce(value: unknown, fields: readonly string[] | undefined): unknown {
  if (!fields?.length || !value || typeof value !== 'object' || Array.isArray(value)) return value;
  return { ...(value as Record<string, unknown>), ...Object.fromEntries(fields.map((f) => [f, null])) };
}
