import { ConfigError, loadConfig } from './config';

/** Strong values for every secret, so each test weakens exactly one. */
const STRONG = {
  NODE_ENV: 'production',
  JWT_SECRET: 'Q7v!r2Lm#9sKp4Xz@8wEt6Yb$1nHc3Jd',
  STRIPE_SECRET_KEY: 'sk_live_51HqT7a9XbC2dE4fG6hJ8kL0mN',
  STRIPE_WEBHOOK_SECRET: 'whsec_Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Jh1Gf',
  PUBLIC_APP_URL: 'https://app.workbay.example',
};
const refused = (env: Record<string, string>, variable: string, why: RegExp) => {
  expect(() => loadConfig(env)).toThrow(ConfigError);
  expect(() => loadConfig(env)).toThrow(new RegExp(`${variable}[^\\n]*${why.source}`));
};

describe('production secrets', () => {
  it('starts production with strong secrets of its own', () => {
    expect(loadConfig(STRONG)).toMatchObject({ NODE_ENV: 'production', STRIPE_API_BASE: 'https://api.stripe.com' });
  });

  it('refuses the code default JWT_SECRET even when it is set explicitly', () => {
    refused({ ...STRONG, JWT_SECRET: 'workbay-development-secret-change-me-please!!' }, 'JWT_SECRET', /published default/);
    const { JWT_SECRET: _unset, ...withoutJwt } = STRONG;
    refused(withoutJwt, 'JWT_SECRET', /published default/);
  });

  it('refuses a JWT_SECRET shorter than 32 bytes or of fewer than 10 distinct characters', () => {
    refused({ ...STRONG, JWT_SECRET: 'Q7v!r2Lm#9sKp4Xz@8wEt6Yb$1nHc3J' }, 'JWT_SECRET', /32/);
    refused({ ...STRONG, JWT_SECRET: 'x'.repeat(64) }, 'JWT_SECRET', /variety/);
    refused({ ...STRONG, JWT_SECRET: 'abcdefghi'.repeat(5) }, 'JWT_SECRET', /variety/);
  });

  it('refuses the emulator STRIPE_SECRET_KEY, even when STRIPE_API_BASE is local', () => {
    refused({ ...STRONG, STRIPE_SECRET_KEY: 'sk_test_workbay_emulator' }, 'STRIPE_SECRET_KEY', /published default/);
    refused({ ...STRONG, STRIPE_API_BASE: 'http://127.0.0.1:12111', STRIPE_SECRET_KEY: 'sk_test_workbay_emulator' }, 'STRIPE_SECRET_KEY', /published default/);
    const { STRIPE_SECRET_KEY: _unset, ...withoutKey } = STRONG;
    refused({ ...withoutKey, STRIPE_API_BASE: 'http://127.0.0.1:12111' }, 'STRIPE_SECRET_KEY', /published default/);
    refused({ ...STRONG, STRIPE_SECRET_KEY: 'sk_live_abc' }, 'STRIPE_SECRET_KEY', /too short/);
  });

  it('refuses the development and the e2e harness STRIPE_WEBHOOK_SECRET, and one that is little more than the prefix', () => {
    for (const known of ['whsec_workbay_development_secret', 'whsec_e2e_stripe_emulator_secret']) {
      refused({ ...STRONG, STRIPE_WEBHOOK_SECRET: known }, 'STRIPE_WEBHOOK_SECRET', /published default/);
      refused({ ...STRONG, STRIPE_API_BASE: 'http://127.0.0.1:12111', STRIPE_WEBHOOK_SECRET: known }, 'STRIPE_WEBHOOK_SECRET', /published default/);
    }
    const { STRIPE_WEBHOOK_SECRET: _unset, ...withoutWebhook } = STRONG;
    refused({ ...withoutWebhook, STRIPE_API_BASE: 'http://127.0.0.1:12111' }, 'STRIPE_WEBHOOK_SECRET', /published default/);
    refused({ ...STRONG, STRIPE_WEBHOOK_SECRET: 'whsec_a' }, 'STRIPE_WEBHOOK_SECRET', /too short/);
    refused({ ...STRONG, STRIPE_WEBHOOK_SECRET: 'whsec_' + '0'.repeat(32) }, 'STRIPE_WEBHOOK_SECRET', /variety/);
  });

  it('names every weak secret at once', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET[\s\S]*STRIPE_SECRET_KEY[\s\S]*STRIPE_WEBHOOK_SECRET/);
  });

  it('keeps development and test on the published defaults', () => {
    expect(() => loadConfig({ NODE_ENV: 'test' })).not.toThrow();
    expect(() => loadConfig({})).not.toThrow();
  });
});
