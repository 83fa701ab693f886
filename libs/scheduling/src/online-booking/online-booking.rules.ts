/**
 * What the public booking pages charge a visitor (IP address) at one shop, out of the budget
 * ONLINE_BOOKING_POINTS per ONLINE_BOOKING_WINDOW_SECONDS (by default 120 a minute: two page loads
 * a second, or twenty changes a minute). A flood at one shop leaves the others' budgets alone;
 * unknown slugs and links are counted under the visitor alone.
 */
export const READ_COST = 1;
export const CHANGE_COST = 6;

/** A manage link's secret: 32 random bytes, base64url (43 characters); only its SHA-256 is kept. */
export const MANAGE_TOKEN_BYTES = 32;
export const MANAGE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

