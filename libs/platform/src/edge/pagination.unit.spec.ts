import { decodeCursor, encodeCursor, pageOf } from './pagination';

describe('pageOf', () => {
  const at = new Date('2026-01-02T03:04:05.678Z');
  const rows = ['a', 'b', 'c'].map((name, i) => ({ name, id: `00000000-0000-4000-8000-00000000000${i}` }));
  const cursorOf = (r: { id: string }) => encodeCursor(at, r.id);

  it('given one row more than the page, shows `first` rows and points the cursor at the last shown', () => {
    const page = pageOf(rows, 2, (r) => r.name, cursorOf);
    expect(page.items).toEqual(['a', 'b']);
    expect(decodeCursor(page.nextCursor!)).toEqual({ at: at.toISOString(), id: rows[1].id });
  });

  it('given no more rows than the page, ends the listing', () => {
    expect(pageOf(rows, 3, (r) => r.name, cursorOf)).toEqual({ items: ['a', 'b', 'c'], nextCursor: null });
  });
});
