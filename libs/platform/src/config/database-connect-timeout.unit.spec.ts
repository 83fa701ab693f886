import { loadConfig } from './config';

describe('DATABASE_CONNECT_TIMEOUT_MS', () => {
  it('waits 5 s for a pooled connection by default and takes a set value', () => {
    expect(loadConfig({}).DATABASE_CONNECT_TIMEOUT_MS).toBe(5_000);
    expect(loadConfig({ DATABASE_CONNECT_TIMEOUT_MS: '300' }).DATABASE_CONNECT_TIMEOUT_MS).toBe(300);
  });

  it('refuses a value that is no number, under 50 ms (every request would fail) or over a minute', () => {
    for (const bad of ['soon', '10', '0', '120000']) {
      expect(() => loadConfig({ DATABASE_CONNECT_TIMEOUT_MS: bad })).toThrow(/DATABASE_CONNECT_TIMEOUT_MS/);
    }
  });
});
