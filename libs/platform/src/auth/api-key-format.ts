import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * What an API key looks like: `wbk_<keyId>_<secret>`, the key id a uuid and the secret 32 random
 * bytes in base64url (43 characters). A fixed prefix and shape (as GitHub's `ghp_` and Stripe's
 * `sk_live_`) let secret scanners and log filters recognise a leaked key, and the id in it finds
 * the key's row without trying every hash.
 */
export const API_KEY_PREFIX = 'wbk_';
const SECRET_BYTES = 32;
const KEY_SHAPE = /^wbk_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export interface ParsedApiKey {
  keyId: string;
  secret: string;
}

/**
 * The secret as stored: its SHA-256. A slow password hash (argon2) guards low-entropy secrets
 * people choose; 256 random bits cannot be guessed from a fast hash either, and a fast hash keeps
 * the per-request check cheap (it runs on every request a machine client sends).
 */
export function apiKeySecretHash(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

/** A new key for `keyId`: the full key (shown once, to its creator) and the hash kept in its place. */
export function mintApiKey(keyId: string): { key: string; secretHash: Buffer } {
  const secret = randomBytes(SECRET_BYTES).toString('base64url');
  const key = `${API_KEY_PREFIX}${keyId}_${secret}`;
  if (!KEY_SHAPE.test(key)) throw new Error(`an API key id must be a lower-case uuid, not ${keyId}`);
  return { key, secretHash: apiKeySecretHash(secret) };
}

/** Whether a credential is meant as an API key (and so must be one): it carries the prefix. */
export const looksLikeApiKey = (credential: string): boolean => credential.startsWith(API_KEY_PREFIX);

/** The key id and secret of a well-formed key, or null for anything else. */
export function parseApiKey(presented: string): ParsedApiKey | null {
  const match = KEY_SHAPE.exec(presented);
  return match ? { keyId: match[1], secret: match[2] } : null;
}

/** Compares in constant time, so how long a refusal takes says nothing about how close a guess came. */
export function secretMatches(secret: string, storedHash: Buffer): boolean {
  const presented = apiKeySecretHash(secret);
  return storedHash.length === presented.length && timingSafeEqual(presented, storedHash);
}
