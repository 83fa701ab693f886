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
    expect(() => loadConfig({ EVENT_STORE: 'eventstoredb' })).toThrow(/EVENTSTORE_URL is required when EVENT_STORE=eventstoredb/);
  });

  it('refuses an EVENTSTORE_URL that turns append conflicts into successes (throwOnAppendFailure=false), in any spelling the client accepts', () => {
    for (const url of ['esdb://127.0.0.1:2113?tls=false&throwOnAppendFailure=false', 'esdb://a:2113,b:2113?throw_on_append_failure=false&tls=false']) {
      expect(() => loadConfig({ EVENT_STORE: 'eventstoredb', EVENTSTORE_URL: url })).toThrow(/EVENTSTORE_URL must not set throwOnAppendFailure=false/);
    }
    expect(loadConfig({ EVENT_STORE: 'eventstoredb', EVENTSTORE_URL: 'esdb://127.0.0.1:2113?tls=false&throwOnAppendFailure=true' }).EVENT_STORE).toBe('eventstoredb');
  });

  it('accepts a three-node cluster connection string and refuses a protocol the EventStoreDB client cannot parse', () => {
    const cluster = 'esdb://esdb-1:2113,esdb-2:2113,esdb-3:2113?tls=false&nodePreference=leader';
    expect(loadConfig({ EVENT_STORE: 'eventstoredb', EVENTSTORE_URL: cluster }).EVENTSTORE_URL).toBe(cluster);
    expect(() => loadConfig({ EVENT_STORE: 'eventstoredb', EVENTSTORE_URL: 'kurrentdb://127.0.0.1:2113' })).toThrow(/EVENTSTORE_URL/);
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

  it("hashes passwords at argon2's default cost, and refuses less than OWASP's floor in production only", () => {
    expect(loadConfig({})).toMatchObject({ PASSWORD_HASH_MEMORY_KIB: 65_536, PASSWORD_HASH_TIME_COST: 3 });
    expect(loadConfig({ PASSWORD_HASH_MEMORY_KIB: '4096', PASSWORD_HASH_TIME_COST: '1' })).toMatchObject({ PASSWORD_HASH_MEMORY_KIB: 4096 });
    const production = {
      NODE_ENV: 'production', JWT_SECRET: 'Q7v!r2Lm#9sKp4Xz@8wEt6Yb$1nHc3Jd', STRIPE_SECRET_KEY: 'sk_live_51HqT7a9XbC2dE4fG6hJ8kL0mN',
      STRIPE_WEBHOOK_SECRET: 'whsec_Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Jh1Gf', PUBLIC_APP_URL: 'https://app.workbay.example',
    };
    expect(loadConfig(production).PASSWORD_HASH_TIME_COST).toBe(3);
    expect(() => loadConfig({ ...production, PASSWORD_HASH_MEMORY_KIB: '4096' })).toThrow(/PASSWORD_HASH_MEMORY_KIB.*OWASP/);
    expect(() => loadConfig({ ...production, PASSWORD_HASH_TIME_COST: '1' })).toThrow(/OWASP/);
    expect(() => loadConfig({ PASSWORD_HASH_MEMORY_KIB: '12' })).toThrow(/PASSWORD_HASH_MEMORY_KIB/);
  });
});
