// scrypt password hashes for HTTP Basic users, in the PHC string format
// (`$scrypt$ln=15,r=8,p=3$<salt>$<hash>`, base64 without padding): self-describing, so the cost can
// be raised later without breaking older hashes. Made by `bulwark passwords hash`, checked here.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export interface ScryptParams {
  /** log2 of scrypt's N (CPU/memory cost). */
  readonly logN: number;
  /** Block size. */
  readonly r: number;
  /** Parallelism. */
  readonly p: number;
}

export interface PasswordHash extends ScryptParams {
  readonly salt: Buffer;
  readonly hash: Buffer;
}

/**
 * One of the equivalent minimums of the OWASP Password Storage Cheat Sheet (N=2^15, r=8, p=3):
 * 32 MiB per verification, which keeps a gateway's memory bounded under concurrent logins.
 */
export const DEFAULT_SCRYPT_PARAMS: ScryptParams = Object.freeze({ logN: 15, r: 8, p: 3 });
/** Weaker hashes are refused: below this, guessing offline gets cheap. */
export const MIN_LOG_N = 14;
/** Stronger ones too: every verification that misses the cache pays this on the request path (2^18 · r=8 is 256 MiB). */
export const MAX_LOG_N = 18;
const MIN_R = 8;
const MAX_R = 32;
const MAX_P = 16;
/** scrypt needs 128·N·r bytes; Node refuses past `maxmem` (32 MiB by default), so it is set to fit. */
const MAX_MEMORY = 256 * 1024 * 1024;
const SALT_BYTES = 16;
const HASH_BYTES = 32;

const PHC = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,3}),p=(\d{1,3})\$([A-Za-z0-9+/]{11,88})\$([A-Za-z0-9+/]{22,88})$/;

let verifications = 0;

/** How many scrypt verifications ran in this process: lets tests see that a cache was used. */
export function passwordVerificationCount(): number {
  return verifications;
}

/**
 * RFC 7617 §2.1 with charset="UTF-8" prepares passwords with the OpaqueString profile (RFC 8265),
 * whose core is Unicode NFC: "é" typed as one code point or as e + accent is the same password.
 */
export function preparePassword(password: string): string {
  return password.normalize('NFC');
}

export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT_PARAMS): Promise<string> {
  const problem = paramsProblem(params);
  if (problem !== undefined) throw new RangeError(problem);
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(preparePassword(password), salt, HASH_BYTES, params);
  return `$scrypt$ln=${params.logN},r=${params.r},p=${params.p}$${b64(salt)}$${b64(hash)}`;
}

/**
 * The hash, or why it is not acceptable. The problem text never contains the input: a plaintext
 * password put where a hash belongs must not end up in an error message or a log.
 */
export function parsePasswordHash(text: string): { ok: true; value: PasswordHash } | { ok: false; problem: string } {
  const match = PHC.exec(text);
  if (!match) return { ok: false, problem: 'is not a scrypt hash made by `bulwark passwords hash` (plaintext passwords are refused)' };
  const params = { logN: Number(match[1]), r: Number(match[2]), p: Number(match[3]) };
  const problem = paramsProblem(params);
  if (problem !== undefined) return { ok: false, problem };
  const salt = Buffer.from(match[4]!, 'base64');
  const hash = Buffer.from(match[5]!, 'base64');
  if (salt.length < 8 || hash.length < 16) return { ok: false, problem: 'has a salt or hash that is too short' };
  return { ok: true, value: { ...params, salt, hash } };
}

/**
 * A hash no password matches, with the given cost: unknown users are checked against it so that
 * they take as long as known ones, and timing does not tell which user names exist.
 */
export function dummyPasswordHash(params: ScryptParams): PasswordHash {
  return { ...params, salt: randomBytes(SALT_BYTES), hash: randomBytes(HASH_BYTES) };
}

export async function verifyPassword(stored: PasswordHash, password: string): Promise<boolean> {
  verifications++;
  const derived = await derive(preparePassword(password), stored.salt, stored.hash.length, stored);
  return timingSafeEqual(derived, stored.hash);
}

function paramsProblem(params: ScryptParams): string | undefined {
  const { logN, r, p } = params;
  if (!Number.isInteger(logN) || !Number.isInteger(r) || !Number.isInteger(p)) return 'has non-integer scrypt parameters';
  if (logN < MIN_LOG_N || r < MIN_R || p < 1) return `is weaker than the minimum (ln=${MIN_LOG_N}, r=${MIN_R}, p=1); make a new one with \`bulwark passwords hash\``;
  if (logN > MAX_LOG_N || r > MAX_R || p > MAX_P || memoryOf(params) > MAX_MEMORY) {
    return `is costlier than the gateway allows per request (ln <= ${MAX_LOG_N}, r <= ${MAX_R}, p <= ${MAX_P}, 128·N·r <= 256 MiB)`;
  }
  return undefined;
}

function memoryOf(params: ScryptParams): number {
  return 128 * 2 ** params.logN * params.r;
}

function derive(password: string, salt: Buffer, length: number, params: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxmem a little above the need: Node's own estimate adds some overhead to 128·N·r.
    scrypt(password, salt, length, { N: 2 ** params.logN, r: params.r, p: params.p, maxmem: 2 * memoryOf(params) }, (error, key) => {
      if (error) reject(error);
      else resolve(key);
    });
  });
}

function b64(bytes: Buffer): string {
  return bytes.toString('base64').replace(/=+$/, '');
}
