// Making and checking API key secrets, the same for every key store backend: random base62 ids and
// secrets, the SHA-256 of the secret as the stored form, and a constant-time comparison.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { API_KEY_ID_LENGTH, API_KEY_PREFIX, API_KEY_SECRET_LENGTH, BASE62_ALPHABET } from './key-store.js';

/** 62 × 4: bytes at or above it are rejected so that every character is equally likely (no modulo bias). */
const UNBIASED_LIMIT = 248;

/** `length` characters of base62 from the operating system's CSPRNG. */
export function randomBase62(length: number): string {
  let text = '';
  while (text.length < length) {
    // About 3 % of bytes are rejected; a few spare bytes usually finish in one round.
    for (const byte of randomBytes(length - text.length + 8)) {
      if (byte >= UNBIASED_LIMIT) continue;
      text += BASE62_ALPHABET.charAt(byte % 62);
      if (text.length === length) break;
    }
  }
  return text;
}

export interface GeneratedApiKey {
  id: string;
  /** The plaintext `bwk_<id>_<secret>`, to hand to the caller once. */
  key: string;
  /** What a backend stores instead of the secret. */
  secretHash: Buffer;
}

/** A new key with a fresh id (unless given) and a 256-bit secret. */
export function generateApiKey(id: string = randomBase62(API_KEY_ID_LENGTH)): GeneratedApiKey {
  const secret = randomBase62(API_KEY_SECRET_LENGTH);
  return { id, key: `${API_KEY_PREFIX}${id}_${secret}`, secretHash: hashApiKeySecret(secret) };
}

/**
 * SHA-256 of the secret. A slow password hash (scrypt, Argon2) would add nothing: it protects
 * low-entropy, human-chosen passwords from guessing, while this secret is 256 random bits that no
 * amount of guessing reaches. A fast hash keeps verification cheap on every request.
 */
export function hashApiKeySecret(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

/** Whether `secret` hashes to `storedHash`, compared in constant time. */
export function isApiKeySecretMatch(storedHash: Uint8Array, secret: string): boolean {
  const presented = hashApiKeySecret(secret);
  // Both are 32-byte digests in practice; timingSafeEqual throws on different lengths.
  return storedHash.length === presented.length && timingSafeEqual(storedHash, presented);
}
