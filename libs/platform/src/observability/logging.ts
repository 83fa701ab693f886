import { LoggerService } from '@nestjs/common';
import { CLS_ID, ClsService } from 'nestjs-cls';
import pino, { DestinationStream, Logger, LoggerOptions } from 'pino';
import { WorkbayStore } from '../context/request-context';

/** The API's one pino logger (DI token); every line written during a request carries that request's ids. */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

/**
 * Header values never reach a log line through our code, but a `req` object logged by anything
 * else would carry them: censored by path.
 */
export const REDACTED_PATHS = ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]', 'headers.authorization', 'headers.cookie'];

/** What a line written inside a request says about it: read from the request's context, not bound per request. */
export interface RequestLogFields {
  reqId?: string;
  correlationId?: string;
  tenantId?: string;
  userId?: string;
  /** `system:<component>` when the system acts for a tenant. */
  actor?: string;
}

export function requestLogFields(store: WorkbayStore | undefined): RequestLogFields {
  if (!store) return {};
  const principal = store.principal;
  return {
    reqId: store[CLS_ID],
    correlationId: store.correlationId,
    tenantId: principal?.tenantId ?? store.tenantId,
    userId: principal?.userId,
    actor: principal ? undefined : store.actor,
  };
}

/**
 * pino with the request's ids mixed into each line as it is written. A child logger per request
 * (what pino-http does) serializes the request and re-derives the level functions on every
 * request, even when the level drops every line it could write (issue #10: ~6% of the API's CPU
 * at `warn`); the mixin runs only for lines that are written.
 */
export function createRootLogger(level: string, cls: ClsService<WorkbayStore>, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[Redacted]' },
    serializers: { err: pino.stdSerializers.err },
    mixin: () => requestLogFields(cls.get()),
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * Nest's LoggerService over the root logger: `new Logger('Context').warn(...)` and Nest's own
 * messages become pino lines with `context`, and an Error (or Nest's `message, stack` pair) is
 * logged as `err`.
 */
export class PinoNestLogger implements LoggerService {
  constructor(readonly pino: Logger) {}

  verbose(message: unknown, ...rest: unknown[]) { this.write('trace', message, rest); }
  debug(message: unknown, ...rest: unknown[]) { this.write('debug', message, rest); }
  log(message: unknown, ...rest: unknown[]) { this.write('info', message, rest); }
  warn(message: unknown, ...rest: unknown[]) { this.write('warn', message, rest); }
  error(message: unknown, ...rest: unknown[]) { this.write('error', message, rest); }
  fatal(message: unknown, ...rest: unknown[]) { this.write('fatal', message, rest); }

  private write(level: pino.Level, message: unknown, rest: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    // Nest passes the context name last (as nestjs-pino reads it); anything between is
    // interpolation arguments or a stack.
    const fields: Record<string, unknown> = {};
    let params = rest;
    if (rest.length) {
      fields.context = rest[rest.length - 1];
      params = rest.slice(0, -1);
    }
    if (message instanceof Error) {
      fields.err = message;
      this.pino[level](fields, message.message);
    } else if (message && typeof message === 'object') {
      this.pino[level]({ ...fields, ...(message as object) });
    } else if (level === 'error' && params.length === 1 && typeof params[0] === 'string' && /\n\s*at /.test(params[0])) {
      // Nest's exception handlers call error(message, stack, context).
      const err = new Error(String(message));
      err.stack = params[0];
      this.pino.error({ ...fields, err }, String(message));
    } else {
      this.pino[level](fields, String(message), ...params);
    }
  }
}
