import { loadConfig } from './config';

describe('USAGE_LATE_GRACE_HOURS', () => {
  it('defaults to 24 hours and takes whole hours, 0 included', () => {
    expect(loadConfig({}).USAGE_LATE_GRACE_HOURS).toBe(24);
    expect(loadConfig({ USAGE_LATE_GRACE_HOURS: '0' }).USAGE_LATE_GRACE_HOURS).toBe(0);
    expect(loadConfig({ USAGE_LATE_GRACE_HOURS: '72' }).USAGE_LATE_GRACE_HOURS).toBe(72);
  });

  it('refuses a negative, fractional, non-numeric or over-a-year grace, naming the variable', () => {
    for (const bad of ['-1', '1.5', 'a day', String(24 * 367)]) {
      expect(() => loadConfig({ USAGE_LATE_GRACE_HOURS: bad })).toThrow(/USAGE_LATE_GRACE_HOURS/);
    }
  });
});
