import { firstFreeSlug, SLUG_PATTERN, slugBase } from './tenant-slug.rules';

describe('tenant slugs', () => {
  it.each([
    ['Ravi Motors & Sons', 'ravi-motors-sons'],
    ['  Müller Kfz-Werkstatt ', 'muller-kfz-werkstatt'],
    ['Salon 24/7', 'salon-24-7'],
    ['राम मोटर्स', 'shop'],
    ['---', 'shop'],
    ['A'.repeat(80), 'a'.repeat(40)],
  ])('derives %j as %j, a valid slug', (name, slug) => {
    expect(slugBase(name)).toBe(slug);
    expect(slugBase(name)).toMatch(SLUG_PATTERN);
  });

  it('takes the first free numeric suffix when the name is taken', () => {
    expect(firstFreeSlug('ravi-motors', [])).toBe('ravi-motors');
    expect(firstFreeSlug('ravi-motors', ['ravi-motors'])).toBe('ravi-motors-2');
    expect(firstFreeSlug('ravi-motors', ['ravi-motors', 'ravi-motors-2', 'ravi-motors-4'])).toBe('ravi-motors-3');
    // 'manage' is a word of the booking URLs (/book/manage/{token}).
    expect(firstFreeSlug('manage', [])).toBe('manage-2');
  });
});
