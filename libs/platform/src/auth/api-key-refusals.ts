import { AppError } from '../errors/errors';

/** An API key on an operation that opens itself to none (`@AcceptsApiKey` absent): keys reach only what was opened to them. */
export class ApiKeyNotAccepted extends AppError {
  readonly status = 403;
  readonly code = 'API_KEY_NOT_ACCEPTED';
  constructor() {
    super('this operation does not accept API keys: sign in as a user');
  }
}

/** An API key without the scope an operation accepts keys for. */
export class ApiKeyScopeMissing extends AppError {
  readonly status = 403;
  readonly code = 'API_KEY_SCOPE_MISSING';
  constructor(readonly scope: string) {
    super(`this API key lacks the scope ${scope}, which this operation needs`);
  }
}
