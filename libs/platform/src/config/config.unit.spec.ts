import { ConfigError, loadConfig } from './config';

describe('configuration', () => {
  it('starts with sensible local defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.EVENT_STORE).toBe('postgres');
  });

  it('names every bad variable in one message', () => {
    expect(() => loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x' })).toThrow(/PORT[\s\S]*DATABASE_URL|DATABASE_URL[\s\S]*PORT/);
  });

  it('refuses the EventStoreDB adapter without EVENTSTORE_URL', () => {
    expect(() => loadConfig({ EVENT_STORE: 'eventstoredb' })).toThrow(ConfigError);
  });

  it('namespaces BullMQ under workbay by default and refuses a prefix Redis keys cannot carry', () => {
    expect(loadConfig({})).toMatchObject({ BULLMQ_PREFIX: 'workbay', WEBHOOK_SWEEP_INTERVAL_MS: 30_000, WEBHOOK_SWEEP_AFTER_MS: 60_000 });
    expect(loadConfig({ BULLMQ_PREFIX: 'wb-test:db_1' }).BULLMQ_PREFIX).toBe('wb-test:db_1');
    expect(() => loadConfig({ BULLMQ_PREFIX: 'has space*' })).toThrow(/BULLMQ_PREFIX/);
  });

  it('sweeps due process timers every 30 s by default and refuses a sweep interval under 50 ms', () => {
    expect(loadConfig({})).toMatchObject({ TIMER_SWEEP_INTERVAL_MS: 30_000, TIMER_SWEEP_AFTER_MS: 30_000 });
    expect(loadConfig({ TIMER_SWEEP_INTERVAL_MS: '200', TIMER_SWEEP_AFTER_MS: '0' })).toMatchObject({ TIMER_SWEEP_INTERVAL_MS: 200, TIMER_SWEEP_AFTER_MS: 0 });
    expect(() => loadConfig({ TIMER_SWEEP_INTERVAL_MS: '10' })).toThrow(/TIMER_SWEEP_INTERVAL_MS/);
  });

  it('refuses to run production on the development JWT secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
  });
});
