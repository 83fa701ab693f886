/**
 * A tenant's slug: its public name in booking URLs, lowercase ASCII words joined by '-', derived
 * from the shop name ("Ravi Motors & Sons" -> "ravi-motors-sons"); diacritics are dropped
 * ("Müller Kfz" -> "muller-kfz"), a name with no Latin letters or digits becomes "shop". A taken
 * slug gets the first free suffix "-2", "-3", ... (platform.tenants.slug is unique).
 */
export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** Words the booking URLs use themselves (`/book/manage/{token}`): never a shop's slug. */
const RESERVED = new Set(['manage']);
const MAX_BASE = 40;

export function slugBase(name: string): string {
  const words = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const base = words.slice(0, MAX_BASE).replace(/^-+|-+$/g, '');
  return base || 'shop';
}

/** The first of base, base-2, base-3 ... not in `taken` (slugs that start with the base). */
export function firstFreeSlug(base: string, taken: readonly string[]): string {
  const used = new Set([...taken, ...RESERVED]);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}
