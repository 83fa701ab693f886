import { loadConfig } from '../config/config';
import { webhookUrlProblem } from './webhook-url-policy';
import { signWebhook, verifyWebhookSignature } from './webhook-signature';

describe('notification configuration', () => {
  it('defaults to a local SMTP sink and a no-reply sender, with backoff from 1 s', () => {
    expect(loadConfig({})).toMatchObject({ SMTP_URL: 'smtp://127.0.0.1:1025', MAIL_FROM: 'Workbay <no-reply@workbay.local>', NOTIFICATION_BACKOFF_MS: 1000, NOTIFICATION_MAX_ATTEMPTS: 8 });
    expect(loadConfig({ SMTP_URL: 'smtps://user:p%40ss@mail.example.com:465', MAIL_FROM: 'ops@example.com' }).SMTP_URL).toBe('smtps://user:p%40ss@mail.example.com:465');
    expect(loadConfig({ SMTP_URL: 'smtp://127.0.0.1:2525?pool=true' }).SMTP_URL).toBe('smtp://127.0.0.1:2525?pool=true');
  });

  it('names SMTP_URL, MAIL_FROM and the retry settings when they are unusable', () => {
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example.com' })).toThrow(/SMTP_URL/);
    expect(() => loadConfig({ MAIL_FROM: 'nobody' })).toThrow(/MAIL_FROM/);
    expect(() => loadConfig({ MAIL_FROM: 'x@y.z\r\nBcc: all@example.com' })).toThrow(/MAIL_FROM/);
    expect(() => loadConfig({ NOTIFICATION_MAX_ATTEMPTS: '0' })).toThrow(/NOTIFICATION_MAX_ATTEMPTS/);
    expect(() => loadConfig({ NOTIFICATION_BACKOFF_MS: 'soon' })).toThrow(/NOTIFICATION_BACKOFF_MS/);
  });
});

describe('webhook URLs a tenant may register', () => {
  it('takes a local http receiver outside production', () => {
    expect(webhookUrlProblem('http://127.0.0.1:4000/hooks', false)).toBeNull();
    expect(webhookUrlProblem('ftp://example.com/x', false)).toMatch(/http/);
    expect(webhookUrlProblem('https://user:pw@example.com/x', false)).toMatch(/credentials/);
  });

  it('in production takes only https to a public host', () => {
    expect(webhookUrlProblem('https://hooks.example.com/workbay', true)).toBeNull();
    expect(webhookUrlProblem('http://hooks.example.com/workbay', true)).toMatch(/https/);
    for (const url of ['https://localhost/x', 'https://127.0.0.1/x', 'https://10.1.2.3/x', 'https://169.254.169.254/latest', 'https://192.168.0.1/', 'https://172.20.0.1/', 'https://[::1]/x', 'https://[::ffff:127.0.0.1]/x', 'https://[fd00::1]/x', 'https://0.0.0.0/']) {
      expect({ url, problem: webhookUrlProblem(url, true) }).toEqual({ url, problem: 'must be a public address' });
    }
  });
});

describe('Workbay-Signature', () => {
  it('verifies with the secret it was signed with, within five minutes, for the same body only', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    const header = signWebhook('{"a":1}', 'wbsec_x', at);
    expect(header).toMatch(/^t=1767225600,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature('{"a":1}', header, 'wbsec_x', 300, at)).toBe(true);
    expect(verifyWebhookSignature('{"a":2}', header, 'wbsec_x', 300, at)).toBe(false);
    expect(verifyWebhookSignature('{"a":1}', header, 'wbsec_y', 300, at)).toBe(false);
    expect(verifyWebhookSignature('{"a":1}', header, 'wbsec_x', 300, new Date(at.getTime() + 301_000))).toBe(false);
    expect(verifyWebhookSignature('{"a":1}', 'garbage', 'wbsec_x')).toBe(false);
  });
});
