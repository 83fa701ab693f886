import type { Request } from 'express';

/**
 * The client's address as Express resolves it under the app's `trust proxy` setting (only a
 * proxy we trust may name another address in X-Forwarded-For); the socket's when there is none.
 */
export function clientIp(req: Request): string {
  return req.ip ?? req.socket?.remoteAddress ?? 'unknown';
}
