import { ConfigError, durationMs, loadConfig } from './config';

const PRODUCTION = {
  NODE_ENV: 'production',
  JWT_SECRET: 'Q7v!r2Lm#9sKp4Xz@8wEt6Yb$1nHc3Jd',
  STRIPE_SECRET_KEY: 'sk_live_51HqT7a9XbC2dE4fG6hJ8kL0mN',
  STRIPE_WEBHOOK_SECRET: 'whsec_Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Jh1Gf',
  PUBLIC_APP_URL: 'https://app.workbay.example',
};

describe('e-mail verification configuration', () => {
  it('defaults to a 48 h link, a 72 h grace, 3 resends an hour and a local app URL', () => {
    expect(loadConfig({})).toMatchObject({
      EMAIL_VERIFICATION_TTL: 48 * 3_600_000, EMAIL_VERIFICATION_GRACE: 72 * 3_600_000,
      EMAIL_VERIFICATION_RESEND_MAX: 3, EMAIL_VERIFICATION_RESEND_WINDOW_SECONDS: 3600, PUBLIC_APP_URL: 'http://localhost:3000',
    });
  });

  it('reads durations with a unit, or plain seconds', () => {
    expect([durationMs('48h'), durationMs('30m'), durationMs('90s'), durationMs('2d'), durationMs('1500ms'), durationMs('45')]).toEqual([172_800_000, 1_800_000, 90_000, 172_800_000, 1500, 45_000]);
    expect(loadConfig({ EMAIL_VERIFICATION_TTL: '15m', EMAIL_VERIFICATION_GRACE: '0s' })).toMatchObject({ EMAIL_VERIFICATION_TTL: 900_000, EMAIL_VERIFICATION_GRACE: 0 });
  });

  it('names a duration it cannot read, or a link shorter than a second', () => {
    expect(() => loadConfig({ EMAIL_VERIFICATION_TTL: 'two days' })).toThrow(/EMAIL_VERIFICATION_TTL must be a duration/);
    expect(() => loadConfig({ EMAIL_VERIFICATION_GRACE: '-1h' })).toThrow(/EMAIL_VERIFICATION_GRACE/);
    expect(() => loadConfig({ EMAIL_VERIFICATION_TTL: '10ms' })).toThrow(/EMAIL_VERIFICATION_TTL/);
  });

  it('takes an http(s) PUBLIC_APP_URL without query or fragment', () => {
    expect(loadConfig({ PUBLIC_APP_URL: 'https://shop.example.com/app' }).PUBLIC_APP_URL).toBe('https://shop.example.com/app');
    for (const bad of ['ftp://example.com', 'https://example.com/?a=1', 'https://example.com/#x', 'example.com']) {
      expect(() => loadConfig({ PUBLIC_APP_URL: bad })).toThrow(/PUBLIC_APP_URL/);
    }
  });

  it('refuses in production the default PUBLIC_APP_URL (also left unset) and a plain-http one', () => {
    expect(loadConfig(PRODUCTION).PUBLIC_APP_URL).toBe('https://app.workbay.example');
    const { PUBLIC_APP_URL: _unset, ...unset } = PRODUCTION;
    expect(() => loadConfig(unset)).toThrow(ConfigError);
    expect(() => loadConfig(unset)).toThrow(/PUBLIC_APP_URL is the development default/);
    expect(() => loadConfig({ ...PRODUCTION, PUBLIC_APP_URL: 'http://localhost:3000' })).toThrow(/PUBLIC_APP_URL is the development default/);
    expect(() => loadConfig({ ...PRODUCTION, PUBLIC_APP_URL: 'http://app.workbay.example' })).toThrow(/PUBLIC_APP_URL must be an https URL/);
  });
});
