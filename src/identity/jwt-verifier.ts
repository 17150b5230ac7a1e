// Verifies JWT bearer tokens (RFC 7519) the way RFC 8725 asks: the issuer is chosen by the token's
// `iss` among configured ones, and everything else comes from that issuer's config, never from the
// token: its keys, its algorithm allow-list (so `none` and HS256-with-an-RSA-key cannot pass), its
// audiences, leeway, required claims and `typ`. `jku` / `x5u` / `jwk` headers are never followed
// (jose resolves keys only through the key source given). Verified tokens are cached until `exp`.
import { decodeJwt, decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from 'jose';
import type { Consumer } from '../core/types.js';
import { consumerFromClaims, type ClaimMapping } from './consumer-from-claims.js';
import { duplicateTopLevelKey } from './duplicate-keys.js';
import type { KeySource } from './key-source.js';
import { createTokenCache, type TokenCache } from './token-cache.js';

export interface IssuerConfig {
  readonly issuer: string;
  readonly keys: KeySource;
  /** The token's `aud` must contain one of these (RFC 8725 §3.9). */
  readonly audiences: readonly string[];
  /** Allowed `alg` values (RFC 8725 §3.1); never taken from the token. */
  readonly algorithms: readonly string[];
  readonly leewayMs: number;
  /** Claims that must be present (default: exp, iat? — the caller decides; `exp` is always required). */
  readonly requiredClaims: readonly string[];
  /** Expected `typ` header (RFC 8725 §3.11, e.g. `at+jwt` for RFC 9068 access tokens). */
  readonly typ?: string;
  readonly claims: ClaimMapping;
}

export interface JwtVerifierOptions {
  /** Larger tokens are refused before any decoding. */
  readonly maxTokenBytes: number;
  /** Verified tokens kept (0 disables the cache). */
  readonly cacheEntries: number;
  readonly now?: () => number;
}

/** Why a token was refused: a stable reason for events and metrics, and safe text for the client. */
export type JwtFailure = 'too-large' | 'malformed' | 'duplicate-claim' | 'unknown-issuer' | 'algorithm' | 'signature' | 'unknown-key'
  | 'expired' | 'not-yet-valid' | 'claim' | 'type' | 'no-subject';

export type JwtResult =
  | { readonly ok: true; readonly consumer: Consumer; readonly expiresAtMs: number; readonly cached: boolean }
  | { readonly ok: false; readonly reason: JwtFailure; readonly description: string };

export interface JwtVerifier {
  /** Resolves the result of checking the token; rejects only when keys cannot be had at all (an outage). */
  verify(token: string): Promise<JwtResult> | JwtResult;
  /** Forgets cached verifications, e.g. of a revoked consumer. */
  purge(matches: (consumer: Consumer) => boolean): number;
}

/** One cache entry per token: the consumer it proves. */
interface Verified { readonly consumer: Consumer; readonly expiresAtMs: number }

export function createJwtVerifier(issuers: readonly IssuerConfig[], options: JwtVerifierOptions): JwtVerifier {
  const byIssuer = new Map(issuers.map((issuer) => [issuer.issuer, issuer]));
  const cache: TokenCache<Verified> = createTokenCache(options.cacheEntries);
  const now = options.now ?? Date.now;

  async function verifySigned(token: string, issuer: IssuerConfig): Promise<JwtResult> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, issuer.keys.getKey, {
        issuer: issuer.issuer,
        audience: [...issuer.audiences],
        algorithms: [...issuer.algorithms],
        clockTolerance: Math.round(issuer.leewayMs / 1000),
        requiredClaims: [...new Set(['exp', ...issuer.requiredClaims])],
        ...(issuer.typ === undefined ? {} : { typ: issuer.typ }),
        currentDate: new Date(now()),
      }));
    } catch (error) {
      return failureOf(error);
    }
    const consumer = consumerFromClaims(payload, issuer.claims);
    if (!consumer) return fail('no-subject', `the token has no ${issuer.claims.subject} claim`);
    const expiresAtMs = (payload.exp ?? 0) * 1000;
    cache.set(token, { consumer, expiresAtMs }, expiresAtMs);
    return { ok: true, consumer, expiresAtMs, cached: false };
  }

  return {
    verify(token) {
      if (Buffer.byteLength(token) > options.maxTokenBytes) return fail('too-large', 'the token is too large');
      const hit = cache.get(token, now());
      if (hit) return { ok: true, consumer: hit.consumer, expiresAtMs: hit.expiresAtMs, cached: true };
      const issuer = issuerOf(token, byIssuer);
      if (!('keys' in issuer)) return issuer;
      return verifySigned(token, issuer);
    },
    purge: (matches) => cache.purge((entry) => matches(entry.consumer)),
  };
}

/** Decodes without verifying, only to pick the issuer and to refuse what no key should even see. */
function issuerOf(token: string, byIssuer: ReadonlyMap<string, IssuerConfig>): IssuerConfig | Extract<JwtResult, { ok: false }> {
  const parts = token.split('.');
  if (parts.length !== 3) return fail('malformed', 'the token is not a signed JWT');
  let iss: unknown;
  try {
    decodeProtectedHeader(token);
    iss = decodeJwt(token).iss;
  } catch {
    return fail('malformed', 'the token cannot be decoded');
  }
  for (const part of parts.slice(0, 2)) {
    const duplicate = duplicateTopLevelKey(Buffer.from(part, 'base64url').toString('utf8'));
    if (duplicate !== undefined) return fail('duplicate-claim', 'the token repeats a header parameter or claim');
  }
  const issuer = typeof iss === 'string' ? byIssuer.get(iss) : undefined;
  return issuer ?? fail('unknown-issuer', 'the token is not from a trusted issuer');
}

function failureOf(error: unknown): Extract<JwtResult, { ok: false }> {
  if (error instanceof errors.JWTExpired) return fail('expired', 'the token has expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf') return fail('not-yet-valid', 'the token is not valid yet');
    if (error.claim === 'typ') return fail('type', 'the token has the wrong type');
    return fail('claim', `the token's ${safeClaimName(error.claim)} claim is not acceptable`);
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return fail('algorithm', 'the token is signed with an algorithm that is not allowed');
  if (error instanceof errors.JWSSignatureVerificationFailed) return fail('signature', 'the token signature is invalid');
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) return fail('unknown-key', 'the token is signed with an unknown key');
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid || error instanceof errors.JOSENotSupported || error instanceof errors.JWKInvalid) {
    return fail('malformed', 'the token is not acceptable');
  }
  throw error; // not the token's fault: the keys could not be had (timeout, provider down without cache)
}

/** Claim names in jose errors come from the verifier's options, but stay conservative in what is echoed. */
function safeClaimName(name: string): string {
  return /^[a-z_]{1,32}$/i.test(name) ? name : 'a';
}

function fail(reason: JwtFailure, description: string): Extract<JwtResult, { ok: false }> {
  return { ok: false, reason, description };
}
