import { FieldError } from './errors';

// PostgreSQL refuses U+0000 in text and jsonb, and a lone UTF-16 surrogate cannot be encoded as
// UTF-8 at all: stored, either fails the statement (a 500) or is silently mangled.
const UNSAFE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const UNSAFE_TEXT_MESSAGE = 'must not contain NUL characters or unpaired UTF-16 surrogates';

/** Far deeper than any input we define; class-transformer recurses and overflows the stack near 2,000. */
export const MAX_INPUT_DEPTH = 32;

const child = (path: string, key: string | number) =>
  typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;

/**
 * What no DTO rule can catch because it breaks the machinery before them: the first string (value
 * or object key) that no text column can hold, or nesting deeper than MAX_INPUT_DEPTH, named by
 * its path as validation errors are (`lines[1].description`). Iterative, so depth cannot hurt it.
 */
export function findStructuralProblem(value: unknown, path = ''): FieldError | null {
  const stack: [unknown, string, number][] = [[value, path, 0]];
  while (stack.length) {
    const [current, at, depth] = stack.pop() as [unknown, string, number];
    if (typeof current === 'string') {
      if (UNSAFE.test(current)) return { field: at || 'body', message: UNSAFE_TEXT_MESSAGE };
      continue;
    }
    if (!current || typeof current !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH) return { field: at || 'body', message: `must not nest deeper than ${MAX_INPUT_DEPTH} levels` };
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push([current[i], child(at, i), depth + 1]);
    } else {
      const entries = Object.entries(current);
      for (const [key] of entries) if (UNSAFE.test(key)) return { field: child(at, key), message: UNSAFE_TEXT_MESSAGE };
      for (let i = entries.length - 1; i >= 0; i--) stack.push([entries[i][1], child(at, entries[i][0]), depth + 1]);
    }
  }
  return null;
}
