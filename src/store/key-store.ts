// The narrow interface every API key store backend implements, and the key format they share:
// `bwk_<id>_<secret>`. Only src/store/<backend>/ imports a database driver; every backend passes
// key-store.contract.ts.

export interface ApiKeyRecord {
  /** Public key id, 12 base62 characters; part of the key and safe to show in events and logs. */
  readonly id: string;
  readonly consumer: string;
  readonly scopes: readonly string[];
  /** Free-text label. */
  readonly name?: string;
  /** ISO 8601. */
  readonly createdAt: string;
  /** ISO 8601; absent = never. */
  readonly expiresAt?: string;
  readonly revokedAt?: string;
  readonly revokedReason?: string;
  /** Id of the key that replaced this one (rotation). */
  readonly rotatedTo?: string;
}

export interface NewApiKey {
  consumer: string;
  scopes: readonly string[];
  name?: string;
  expiresAt?: Date;
}

export interface KeyStore {
  /** Creates a key; the plaintext is returned once and never stored: only a hash of its secret is. */
  createKey(input: NewApiKey): Promise<{ record: ApiKeyRecord; key: string }>;
  /**
   * Looks a presented key up: the record when the key's secret matches (constant-time), else
   * undefined. Does NOT check expiry/revocation (the caller decides and reports why). Reads the
   * store on every call, so a revocation is seen by the next request. Synchronous-friendly: returns
   * a value or a promise.
   */
  verifyKey(presented: string): ApiKeyRecord | undefined | Promise<ApiKeyRecord | undefined>;
  getKey(id: string): Promise<ApiKeyRecord | undefined>;
  /** In creation order; revoked keys only with `includeRevoked`. Expired keys are listed. */
  listKeys(filter?: { consumer?: string; includeRevoked?: boolean }): Promise<ApiKeyRecord[]>;
  /** False when the key is unknown or already revoked. */
  revokeKey(id: string, reason: string): Promise<boolean>;
  /**
   * Rotation with overlap: a new key with the same consumer/scopes/name (and, if the old key had an
   * expiry, the same lifetime counted from now); the old one now expires at now + overlap (or stays
   * earlier if it already expires sooner) and records `rotatedTo`. Undefined when the key is unknown,
   * revoked, or already rotated (rotate its successor instead).
   */
  rotateKey(id: string, overlapMs: number): Promise<{ record: ApiKeyRecord; key: string } | undefined>;
  close(): Promise<void>;
}

/** Leaked keys are findable by secret scanners (GitHub, gitleaks) thanks to this prefix. */
export const API_KEY_PREFIX = 'bwk_';
export const API_KEY_ID_LENGTH = 12;
/** 43 base62 characters carry 43 × log2(62) ≈ 256.03 bits, at least the 32 random bytes asked for. */
export const API_KEY_SECRET_LENGTH = 43;
/** No `_` in the alphabet, so `bwk_<id>_<secret>` splits one way only. */
export const BASE62_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

const KEY_LENGTH = API_KEY_PREFIX.length + API_KEY_ID_LENGTH + 1 + API_KEY_SECRET_LENGTH;
const KEY_PATTERN = new RegExp(`^${API_KEY_PREFIX}([0-9A-Za-z]{${API_KEY_ID_LENGTH}})_([0-9A-Za-z]{${API_KEY_SECRET_LENGTH}})$`);

/** Parses `bwk_<id>_<secret>`; undefined for anything else (never throws). */
export function parseApiKey(presented: string): { id: string; secret: string } | undefined {
  // The length check first: presented keys come from clients, and a 10 kB header costs nothing here.
  if (typeof presented !== 'string' || presented.length !== KEY_LENGTH) return undefined;
  const match = KEY_PATTERN.exec(presented);
  if (!match) return undefined;
  const [, id, secret] = match;
  return id === undefined || secret === undefined ? undefined : { id, secret };
}
