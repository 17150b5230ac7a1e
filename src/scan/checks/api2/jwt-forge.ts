// Building tampered JWTs (RFC 7519 / 7515) from a real one: the JWT checks' raw material. Offline
// only: the signing key guess never sends a request.
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface DecodedJwt {
  readonly header: Record<string, unknown>;
  readonly payload: Record<string, unknown>;
  readonly signingInput: string;
  readonly signature: Buffer;
}

const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

function decodePart(part: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : undefined;
  } catch {
    return undefined;
  }
}

export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [headerPart = '', payloadPart = '', signaturePart = ''] = parts;
  const header = decodePart(headerPart);
  const payload = decodePart(payloadPart);
  if (header === undefined || payload === undefined) return undefined;
  return { header, payload, signingInput: `${headerPart}.${payloadPart}`, signature: Buffer.from(signaturePart, 'base64url') };
}

/** `alg: none` with the same claims and no signature. */
export const unsignedJwt = (jwt: DecodedJwt): string => `${encode({ ...jwt.header, alg: 'none' })}.${jwt.signingInput.split('.')[1] ?? ''}.`;

/** The same header and claims with the signature removed. */
export const strippedJwt = (jwt: DecodedJwt): string => `${jwt.signingInput}.`;

const HMAC: Readonly<Record<string, string>> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };

/** The key among `candidates` that produced the token's HMAC signature, if one did. */
export function guessHmacKey(jwt: DecodedJwt, candidates: readonly string[]): string | undefined {
  const hash = HMAC[String(jwt.header.alg)];
  if (hash === undefined) return undefined;
  return candidates.find((candidate) => {
    const expected = createHmac(hash, candidate).update(jwt.signingInput).digest();
    return expected.length === jwt.signature.length && timingSafeEqual(expected, jwt.signature);
  });
}

/** A token with the given claims signed with a guessed HMAC key. */
export function signHmac(jwt: DecodedJwt, key: string, payload: Record<string, unknown>): string {
  const hash = HMAC[String(jwt.header.alg)] ?? 'sha256';
  const input = `${encode(jwt.header)}.${encode(payload)}`;
  return `${input}.${createHmac(hash, key).update(input).digest('base64url')}`;
}
