import { HttpException, ValidationError } from '@nestjs/common';
import { ConcurrencyError, DomainError, StreamOutsideTenantError } from '@workbay/eventstore';
import { AppError, FieldError, ValidationFailed } from './errors';
import { isOverload } from './overload';

/** RFC 9457 body. `type` is stable per error code so clients can branch on it. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldError[];
  instance?: string;
  /** Extension members of some problems (a quota's `meter`, `limit`, `usage`, `resetsAt`; a plan's `feature`). */
  [extension: string]: unknown;
}

const TYPE_BASE = 'https://workbay.dev/problems/';

function problem(status: number, code: string, detail: string, errors?: FieldError[]): ProblemDetails {
  const title = code.toLowerCase().split('_').map((w) => w[0]?.toUpperCase() + w.slice(1)).join(' ');
  return { type: TYPE_BASE + code.toLowerCase().replace(/_/g, '-'), title, status, detail, code, ...(errors?.length ? { errors } : {}) };
}

const DOMAIN_STATUS = { conflict: 409, rule: 422, 'not-found': 404, forbidden: 403 } as const;

export function toProblem(error: unknown): ProblemDetails {
  if (error instanceof AppError) return { ...problem(error.status, error.code, error.message, error.fields), ...error.details };
  if (error instanceof DomainError) {
    const field = (error as DomainError & { field?: string }).field;
    return problem(DOMAIN_STATUS[error.kind], error.code, error.message, field ? [{ field, message: error.message }] : undefined);
  }
  if (error instanceof ConcurrencyError) {
    return problem(409, 'CONCURRENT_MODIFICATION', 'the record was changed by another request; reload and retry');
  }
  if (error instanceof StreamOutsideTenantError) return problem(404, 'NOT_FOUND', 'not found');
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = error.getResponse();
    const detail = typeof body === 'string' ? body : String((body as { message?: unknown }).message ?? error.message);
    const code = status === 404 ? 'NOT_FOUND' : status === 413 ? 'PAYLOAD_TOO_LARGE' : status < 500 ? 'BAD_REQUEST' : 'INTERNAL';
    // body-parser's JSON errors arrive as 400 HttpExceptions: the body is the bad "field".
    const errors = status === 400 && /JSON/i.test(detail) ? [{ field: 'body', message: detail }] : undefined;
    return problem(status, code, detail, errors);
  }
  if (isOverload(error)) return problem(503, 'SERVICE_UNAVAILABLE', 'the service is overloaded; retry after the Retry-After seconds');
  const parserError = clientErrorOfBodyParser(error);
  if (parserError) return parserError;
  return problem(500, 'INTERNAL', 'unexpected error');
}

const CLIENT_ERROR_CODES: Record<number, string> = { 413: 'PAYLOAD_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE' };

/**
 * Express' body parsers fail with http-errors (`status`, `expose`, `type` such as
 * entity.too.large or charset.unsupported) before any route runs; Nest passes all but the
 * SyntaxError ones through unmapped. `expose` is their own mark of a client error with a safe message.
 */
function clientErrorOfBodyParser(error: unknown): ProblemDetails | null {
  if (!(error instanceof Error)) return null;
  const { status, expose, type } = error as Error & { status?: unknown; expose?: unknown; type?: unknown };
  if (typeof status !== 'number' || status < 400 || status > 499 || expose !== true || typeof type !== 'string') return null;
  return problem(status, CLIENT_ERROR_CODES[status] ?? 'BAD_REQUEST', error.message, [{ field: 'body', message: error.message }]);
}

/** class-validator errors -> one ValidationFailed naming each field by its path, e.g. lines[1].quantity. */
export function validationFailedFrom(errors: ValidationError[]): ValidationFailed {
  const fields: FieldError[] = [];
  const walk = (list: ValidationError[], prefix: string) => {
    for (const e of list) {
      const path = /^\d+$/.test(e.property) ? `${prefix}[${e.property}]` : prefix ? `${prefix}.${e.property}` : e.property;
      for (const message of Object.values(e.constraints ?? {})) fields.push({ field: path, message });
      if (e.children?.length) walk(e.children, path);
    }
  };
  walk(errors, '');
  return new ValidationFailed(fields);
}
