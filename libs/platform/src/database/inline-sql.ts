import { escapeLiteral } from 'pg';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { prepareValue } = require('pg/lib/utils') as { prepareValue: (v: unknown) => string | Buffer | null };

/** A statement with `$1`-style placeholders, as `pg` takes it. */
export interface Sql {
  text: string;
  values?: unknown[];
}

/**
 * The statement with its values written in as quoted literals, so several can share one
 * simple-protocol message (which takes no parameters). A quoted literal is of unknown type until
 * the statement resolves it, exactly like a parameter `pg` sends, and `pg`'s own conversion
 * (`prepareValue`: dates, arrays, JSON) makes the text; `escapeLiteral` doubles quotes and
 * backslashes, so no value can end its literal. Placeholders are only ever in our own SQL.
 */
export function inlineSql({ text, values = [] }: Sql): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const index = Number(n) - 1;
    if (index < 0 || index >= values.length) throw new Error(`inlineSql: no value for $${n} in ${text}`);
    const prepared = prepareValue(values[index]);
    if (prepared === null || prepared === undefined) return 'null';
    if (Buffer.isBuffer(prepared)) return `'\\x${prepared.toString('hex')}'::bytea`;
    return escapeLiteral(prepared);
  });
}
