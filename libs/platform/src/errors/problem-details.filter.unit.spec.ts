import { ArgumentsHost, Logger } from '@nestjs/common';
import { ProblemDetailsFilter } from './problem-details.filter';

/** What the filter writes to an Express response, recorded. */
function httpHost() {
  const sent: { status?: number; headers: Record<string, string>; body?: Record<string, unknown> } = { headers: {} };
  const res = {
    setHeader: (name: string, value: string) => { sent.headers[name] = value; },
    status(code: number) { sent.status = code; return this; },
    type() { return this; },
    json(body: Record<string, unknown>) { sent.body = body; return this; },
  };
  const host = {
    getType: () => 'http',
    switchToHttp: () => ({ getResponse: () => res, getRequest: () => ({ originalUrl: '/customers' }) }),
  } as unknown as ArgumentsHost;
  return { host, sent };
}

describe('ProblemDetailsFilter on an overload', () => {
  afterEach(() => jest.restoreAllMocks());

  it('answers 503 with Retry-After and logs a warning, not an error', () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const { host, sent } = httpHost();
    new ProblemDetailsFilter().catch(Object.assign(new Error('sorry, too many clients already'), { code: '53300' }), host);
    expect(sent.status).toBe(503);
    expect(Number(sent.headers['Retry-After'])).toBeGreaterThanOrEqual(1);
    expect(sent.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', instance: '/customers' });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('53300'));
    expect(error).not.toHaveBeenCalled();
  });

  it('still logs a real bug as an error, a 500 without Retry-After', () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const { host, sent } = httpHost();
    new ProblemDetailsFilter().catch(new TypeError('x is undefined'), host);
    expect(sent.status).toBe(500);
    expect(sent.headers['Retry-After']).toBeUndefined();
    expect(error).toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
  });
});
