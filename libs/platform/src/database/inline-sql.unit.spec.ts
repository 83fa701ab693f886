import { inlineSql } from './inline-sql';

describe('inlineSql', () => {
  it('writes each value in as a quoted literal, quotes and backslashes doubled so none can end its literal', () => {
    expect(inlineSql({ text: 'select $1, $2', values: [`it's`, 'a\\b'] })).toBe(`select 'it''s',  E'a\\\\b'`);
  });

  it('writes null as null, numbers and booleans as quoted text, arrays and dates as pg sends them', () => {
    const at = new Date('2026-01-02T03:04:05.678Z');
    const sql = inlineSql({ text: 'select $1, $2, $3, $4, $5', values: [null, 42, true, ['a', 'b'], at] });
    expect(sql).toMatch(/^select null, '42', 'true', '\{"a","b"\}', '2026-01-02T\d\d:\d\d:05\.678[+-]\d\d:\d\d'$/);
  });

  it('takes $10 as the tenth value, not the first followed by 0', () => {
    const values = Array.from({ length: 10 }, (_, i) => `v${i + 1}`);
    expect(inlineSql({ text: 'select $10, $1', values })).toBe(`select 'v10', 'v1'`);
  });

  it('refuses a placeholder without a value instead of sending a broken statement', () => {
    expect(() => inlineSql({ text: 'select $2', values: ['a'] })).toThrow(/no value for \$2/);
  });
});
