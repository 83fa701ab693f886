import { findStructuralProblem, MAX_INPUT_DEPTH, UNSAFE_TEXT_MESSAGE } from './request-structure';

const nested = (depth: number): unknown => JSON.parse('{"a":'.repeat(depth) + '"leaf"' + '}'.repeat(depth));

describe('request structure', () => {
  it('names the first string holding a NUL by its path', () => {
    expect(findStructuralProblem({ lines: [{ description: 'ok' }, { description: 'pads\u0000' }] })).toEqual({
      field: 'lines[1].description', message: UNSAFE_TEXT_MESSAGE,
    });
  });

  it('names a lone high or low surrogate, and a key holding one', () => {
    expect(findStructuralProblem({ name: 'a\ud800' })?.field).toBe('name');
    expect(findStructuralProblem({ name: '\udc00b' })?.field).toBe('name');
    expect(findStructuralProblem({ meta: { 'k\u0000': 1 } })?.field).toBe('meta.k\u0000');
  });

  it('names a path parameter or a bare string by the name it was given', () => {
    expect(findStructuralProblem('x\u0000', 'id')?.field).toBe('id');
    expect(findStructuralProblem('x\u0000')?.field).toBe('body');
  });

  it('accepts paired surrogates (emoji) and ordinary text', () => {
    expect(findStructuralProblem({ note: 'brakes 👍 ok', tags: ['a', 'ü'], n: 1, none: null })).toBeNull();
  });

  it('refuses nesting deeper than any DTO without overflowing the stack', () => {
    expect(findStructuralProblem(nested(MAX_INPUT_DEPTH - 1))).toBeNull();
    expect(findStructuralProblem(nested(100_000))?.message).toMatch(/nest deeper/);
    expect(findStructuralProblem(JSON.parse('['.repeat(50_000) + ']'.repeat(50_000)))?.field).toMatch(/^(\[0\])+$/);
  });
});
