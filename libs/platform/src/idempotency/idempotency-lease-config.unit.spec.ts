import { loadConfig } from '../config/config';

describe('IDEMPOTENCY_LEASE_MS', () => {
  it('defaults to 30 s, longer than the longest read-your-writes wait', () => {
    const config = loadConfig({});
    expect(config.IDEMPOTENCY_LEASE_MS).toBe(30_000);
    expect(config.IDEMPOTENCY_LEASE_MS).toBeGreaterThan(config.READ_WAIT_TIMEOUT_MS);
  });

  it('is read from the environment', () => {
    expect(loadConfig({ IDEMPOTENCY_LEASE_MS: '1500' }).IDEMPOTENCY_LEASE_MS).toBe(1500);
  });

  it.each(['0', '-5', '1.5', 'soon', '99999999'])('refuses %s at start-up, naming the variable', (value) => {
    expect(() => loadConfig({ IDEMPOTENCY_LEASE_MS: value })).toThrow(/IDEMPOTENCY_LEASE_MS/);
  });
});
