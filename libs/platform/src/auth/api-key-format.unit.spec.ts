import { randomUUID } from 'node:crypto';
import { apiKeySecretHash, looksLikeApiKey, mintApiKey, parseApiKey, secretMatches } from './api-key-format';

describe('the API key format', () => {
  it('mints wbk_<id>_<32 random bytes in base64url> and keeps only the SHA-256 of the secret', () => {
    const id = randomUUID();
    const { key, secretHash } = mintApiKey(id);
    expect(key).toMatch(new RegExp(`^wbk_${id}_[A-Za-z0-9_-]{43}$`));
    const parsed = parseApiKey(key)!;
    expect(parsed.keyId).toBe(id);
    expect(Buffer.from(parsed.secret, 'base64url')).toHaveLength(32);
    expect(secretHash.equals(apiKeySecretHash(parsed.secret))).toBe(true);
  });

  it('never mints the same secret twice', () => {
    const id = randomUUID();
    const keys = new Set(Array.from({ length: 200 }, () => mintApiKey(id).key));
    expect(keys.size).toBe(200);
  });

  it('matches the right secret only', () => {
    const { key, secretHash } = mintApiKey(randomUUID());
    const { secret } = parseApiKey(key)!;
    expect(secretMatches(secret, secretHash)).toBe(true);
    expect(secretMatches(secret.slice(0, -1) + (secret.endsWith('A') ? 'B' : 'A'), secretHash)).toBe(false);
    expect(secretMatches(secret, Buffer.alloc(32))).toBe(false);
    expect(secretMatches(secret, Buffer.alloc(16))).toBe(false);
  });

  it('parses nothing but the exact shape', () => {
    const id = randomUUID();
    const { key } = mintApiKey(id);
    const secret = key.slice(-43);
    for (const bad of ['', 'wbk_', `wbk_${id}`, `wbk_${id}_`, `${key}x`, key.slice(0, -1), ` ${key}`, `wbk_${id.toUpperCase()}_${secret}`, `wbk-${id}_${secret}`, `wbk_${id}_${secret.slice(0, 42)}+`, `eyJ${key}`]) {
      expect([bad, parseApiKey(bad)]).toEqual([bad, null]);
    }
  });

  it('tells a key from a JWT by its prefix', () => {
    expect(looksLikeApiKey('wbk_anything')).toBe(true);
    expect(looksLikeApiKey('eyJhbGciOiJIUzI1NiJ9.e30.x')).toBe(false);
  });

  it('refuses to mint for an id that would not parse back', () => {
    expect(() => mintApiKey('NOT-A-UUID')).toThrow(/lower-case uuid/);
  });
});
