import type { NextFunction, Request, Response } from 'express';
import { CLS_ID, ClsService } from 'nestjs-cls';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { WorkbayStore } from '../context/request-context';
import { requestLogFields } from './logging';
import { HttpMetrics } from './metrics';

export const REQUEST_ID_HEADER = 'x-request-id';
export const CORRELATION_ID_HEADER = 'x-correlation-id';

/**
 * A client's id is taken as it is when it is one printable token of at most 128 characters
 * (a uuid, a W3C trace id, a load balancer's id); anything else would be copied into every log
 * line and into the metadata of every event the request appends, so a fresh id replaces it.
 */
const ACCEPTED_ID = /^[\x21-\x7e]{1,128}$/;

export function acceptedId(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' && ACCEPTED_ID.test(value) ? value : undefined;
}

/**
 * The one per-request step of the HTTP edge, before any Nest middleware, guard or route: the
 * request id (the client's X-Request-Id or a fresh uuid, echoed in the response with the
 * correlation id), the request's context (AsyncLocalStorage through ClsService) holding both,
 * and, when the response is done, the duration metric by route and status and (at `info`) one
 * log line. It replaces ClsModule's middleware, pino-http and nestjs-pino's per-request
 * AsyncLocalStorage, which together ran two uuids, three child loggers, two AsyncLocalStorage
 * contexts and a chain of promises on every request (issue #10).
 *
 * Mounted after the body parsers: a context entered before them is lost in their stream
 * callbacks.
 */
export function requestEdge(cls: ClsService<WorkbayStore>, logger: Logger, metrics: HttpMetrics) {
  const logCompleted = logger.isLevelEnabled('info');
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = performance.now();
    const requestId = acceptedId(req.headers[REQUEST_ID_HEADER]) ?? randomUUID();
    const correlationId = acceptedId(req.headers[CORRELATION_ID_HEADER]) ?? requestId;
    (req as Request & { id: string }).id = requestId;
    res.setHeader('X-Request-Id', requestId);
    res.setHeader('X-Correlation-Id', correlationId);
    const store: WorkbayStore = { [CLS_ID]: requestId, correlationId };
    // 'close' follows 'finish' on every response, and also ends one the client gave up on.
    res.once('close', () => {
      const seconds = (performance.now() - started) / 1000;
      // The route pattern, not the URL: ids in paths would explode the label set.
      const route = req.route?.path ?? (req.path === '/graphql' ? '/graphql' : 'unmatched');
      if (res.writableFinished) metrics.observe(req.method, route, res.statusCode, seconds);
      if (logCompleted) logCompletion(logger, req, res, store, route, seconds);
    });
    cls.runWith(store, next);
  };
}

/** pino-http's line, without the headers (nothing to redact) and with the route and the request's ids. */
function logCompletion(logger: Logger, req: Request, res: Response, store: WorkbayStore, route: string, seconds: number): void {
  const finished = res.writableFinished;
  logger.info(
    {
      ...requestLogFields(store),
      req: { method: req.method, url: req.originalUrl, route, remoteAddress: req.socket?.remoteAddress },
      res: { statusCode: res.statusCode },
      responseTime: Math.round(seconds * 1000),
    },
    !finished ? 'request aborted' : res.statusCode >= 500 ? 'request errored' : 'request completed',
  );
}
