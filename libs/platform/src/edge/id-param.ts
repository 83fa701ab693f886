import { ParseUUIDPipe } from '@nestjs/common';
import { NotFoundError } from '../errors/errors';

/** Parses a path/argument id; a malformed id cannot name a record, so it is a 404 like any unknown id. */
export const IdOf = (what: string) => new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError(what, '(malformed id)') });
