/**
 * The public booking pages' budget per visitor (IP address) and tenant: reads cost 1 point, a
 * change (book, reschedule, cancel) costs 6, out of 120 a minute, so a visitor may load two
 * pages a second or make twenty changes a minute at one shop, and a flood at one shop leaves the
 * others' budgets alone. Unknown slugs and links are counted under the visitor alone.
 */
export const PUBLIC_BUDGET = { points: 120, durationSeconds: 60 } as const;
export const READ_COST = 1;
export const CHANGE_COST = 6;

/** A manage link's secret: 32 random bytes, base64url (43 characters); only its SHA-256 is kept. */
export const MANAGE_TOKEN_BYTES = 32;
export const MANAGE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

