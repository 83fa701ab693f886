import { AsyncLocalStorage } from 'node:async_hooks';
import { Writable } from 'node:stream';
import { CLS_ID, ClsService } from 'nestjs-cls';
import { WorkbayStore } from '../context/request-context';
import { createRootLogger, PinoNestLogger } from './logging';

/** Every line the logger writes, parsed. */
function memory(): { lines: Record<string, unknown>[]; stream: Writable } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, stream };
}

const principal = { userId: 'user-1', tenantId: 'tenant-1', roles: ['owner' as const], email: 'o@example.com' };

describe('the API logger', () => {
  const cls = new ClsService<WorkbayStore>(new AsyncLocalStorage());

  it('writes the request id, correlation id, tenant and user of the request a line is written in', async () => {
    const { lines, stream } = memory();
    const logger = createRootLogger('info', cls, stream);
    await cls.runWith({ [CLS_ID]: 'req-1', correlationId: 'corr-1' }, async () => {
      logger.info('before sign-in');
      cls.set('principal', principal);
      await new Promise((r) => setImmediate(r)); // across an await, as a handler logs
      logger.warn('after sign-in');
    });
    logger.info('outside any request');
    expect(lines.map(({ msg, reqId, correlationId, tenantId, userId }) => ({ msg, reqId, correlationId, tenantId, userId }))).toEqual([
      { msg: 'before sign-in', reqId: 'req-1', correlationId: 'corr-1', tenantId: undefined, userId: undefined },
      { msg: 'after sign-in', reqId: 'req-1', correlationId: 'corr-1', tenantId: 'tenant-1', userId: 'user-1' },
      { msg: 'outside any request', reqId: undefined, correlationId: undefined, tenantId: undefined, userId: undefined },
    ]);
  });

  it('names the system component acting for a tenant when no user is', async () => {
    const { lines, stream } = memory();
    const logger = createRootLogger('info', cls, stream);
    await cls.runWith({ tenantId: 'tenant-2', actor: 'system:billing' }, async () => logger.info('swept'));
    expect(lines[0]).toMatchObject({ tenantId: 'tenant-2', actor: 'system:billing' });
  });

  it('censors the authorization and cookie headers of a logged request', () => {
    const { lines, stream } = memory();
    createRootLogger('info', cls, stream).info({ req: { method: 'GET', headers: { authorization: 'Bearer secret.token', cookie: 'sid=1', accept: 'json' } } }, 'a request');
    expect(JSON.stringify(lines[0])).not.toContain('secret.token');
    expect(JSON.stringify(lines[0])).not.toContain('sid=1');
    expect(lines[0]).toMatchObject({ req: { headers: { authorization: '[Redacted]', cookie: '[Redacted]', accept: 'json' } } });
  });

  it('writes nothing below its level, and does not build the line', () => {
    const { lines, stream } = memory();
    const logger = createRootLogger('warn', cls, stream);
    const mixin = jest.spyOn(cls, 'get');
    logger.info('dropped');
    expect(mixin).not.toHaveBeenCalled();
    logger.warn('kept');
    expect(lines.map((l) => l.msg)).toEqual(['kept']);
    mixin.mockRestore();
  });

  it("gives Nest's messages their context, and an error (or Nest's message and stack) as err", () => {
    const { lines, stream } = memory();
    const nest = new PinoNestLogger(createRootLogger('info', cls, stream));
    nest.log('mapped a route', 'RoutesResolver');
    nest.warn('lease ran out', 'Idempotency');
    nest.error(new Error('boom'), 'ProblemDetails');
    nest.error('unhandled', 'Error: unhandled\n    at somewhere (file.ts:1:1)', 'ExceptionsHandler');
    nest.debug('not written at info');
    expect(lines.map(({ level, msg, context }) => ({ level, msg, context }))).toEqual([
      { level: 30, msg: 'mapped a route', context: 'RoutesResolver' },
      { level: 40, msg: 'lease ran out', context: 'Idempotency' },
      { level: 50, msg: 'boom', context: 'ProblemDetails' },
      { level: 50, msg: 'unhandled', context: 'ExceptionsHandler' },
    ]);
    expect(lines[2].err).toMatchObject({ type: 'Error', message: 'boom' });
    expect((lines[3].err as { stack: string }).stack).toContain('at somewhere (file.ts:1:1)');
  });
});
