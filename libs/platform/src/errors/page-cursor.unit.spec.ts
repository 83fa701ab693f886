import fc from 'fast-check';
import { ValidationFailed } from './errors';
import { decodePageCursor, encodePageCursor } from './page-cursor';

const token = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

describe('page cursor', () => {
  it('round-trips every cursor it wrote', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1970-01-01'), max: new Date('9999-12-31'), noInvalidDate: true }), fc.uuid(), (at, id) => {
        expect(decodePageCursor(encodePageCursor(at, id))).toEqual({ at: at.toISOString(), id });
      }),
      { seed: 8, numRuns: 200 },
    );
  });

  it('treats an absent cursor as the first page', () => {
    expect(decodePageCursor(undefined)).toBeNull();
    expect(decodePageCursor('')).toBeNull();
  });

  it.each([
    ['a year Postgres refuses', token({ at: '+275760-09-13T00:00:00.000Z', id: ID })],
    ['year zero', token({ at: '0000-01-01T00:00:00.000Z', id: ID })],
    ['a date that does not exist', token({ at: '2025-02-30T00:00:00.000Z', id: ID })],
    ['a date in another format', token({ at: 'Tue, 01 Dec 2026 10:00:00 GMT', id: ID })],
    ['an id that is not a uuid', token({ at: '2025-01-01T00:00:00.000Z', id: 'x' })],
    ['null', token(null)],
    ['a huge number', token(1e308)],
    ['an array', token(['2025-01-01T00:00:00.000Z', ID])],
    ['a NUL in the id', token({ at: '2025-01-01T00:00:00.000Z', id: `${ID}\u0000` })],
    ['not base64url JSON', '%%%not-a-cursor'],
  ])('refuses %s as a 400 naming the field', (_, cursor) => {
    let thrown: unknown;
    try {
      decodePageCursor(cursor);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ValidationFailed);
    expect((thrown as ValidationFailed).fields).toEqual([{ field: 'after', message: 'is not a cursor returned by this API' }]);
  });
});
