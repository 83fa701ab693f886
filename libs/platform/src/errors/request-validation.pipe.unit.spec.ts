import { IsISO8601, IsOptional, IsString } from 'class-validator';
import { ValidationFailed } from './errors';
import { RequestValidationPipe } from './request-validation.pipe';

class OptionalQuery {
  @IsOptional() @IsISO8601({ strict: true }) asOf?: string;
  @IsOptional() page = 1;
}

class RequiredQuery {
  @IsString() status!: string;
}

const query = (metatype: Function) => ({ type: 'query' as const, metatype: metatype as never, data: undefined });

async function refusal(run: Promise<unknown>): Promise<string[]> {
  try {
    await run;
  } catch (error) {
    if (error instanceof ValidationFailed) return error.fields.map((f) => f.field);
    throw error;
  }
  throw new Error('not refused');
}

describe('RequestValidationPipe on query DTOs', () => {
  it('answers an empty query with a fresh instance of the DTO, its defaults set, every time', async () => {
    const pipe = new RequestValidationPipe();
    const first = await pipe.transform({}, query(OptionalQuery));
    const second = await pipe.transform({ minPosition: '5' }, query(OptionalQuery)); // an edge parameter only: empty too
    expect(first).toBeInstanceOf(OptionalQuery);
    expect(second).toBeInstanceOf(OptionalQuery);
    expect(second).toEqual({ page: 1 });
    expect(second).not.toBe(first);
  });

  it('refuses an empty query for a DTO with a required field every time, naming it', async () => {
    const pipe = new RequestValidationPipe();
    expect(await refusal(pipe.transform({}, query(RequiredQuery)))).toEqual(['status']);
    expect(await refusal(pipe.transform({}, query(RequiredQuery)))).toEqual(['status']);
  });

  it('still validates a query that is not empty after an empty one passed', async () => {
    const pipe = new RequestValidationPipe();
    await pipe.transform({}, query(OptionalQuery));
    expect(await refusal(pipe.transform({ asOf: 'yesterday' }, query(OptionalQuery)))).toEqual(['asOf']);
    expect(await refusal(pipe.transform({ typo: '1' }, query(OptionalQuery)))).toEqual(['typo']);
  });
});
