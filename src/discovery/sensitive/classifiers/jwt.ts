// JSON Web Tokens in compact serialisation: JWS (RFC 7515 §7.1, three base64url parts) or JWE (RFC
// 7516 §7.1, five), optionally after an `Bearer ` scheme (RFC 6750 §2.1). The protected header must
// decode to a JSON object with a string `alg` (RFC 7515 §4.1.1); only the header is ever decoded.
import { FIRST_CHAR, type SensitiveClassifier } from '../classifier.js';

const MAX_HEADER_LENGTH = 2048;

/** The token without a leading `Bearer ` (any case), as Authorization values and some bodies carry it. */
export function withoutBearer(value: string): string {
  return value.length > 7 && value.charCodeAt(6) === 32 && value.slice(0, 6).toLowerCase() === 'bearer' ? value.slice(7).trimStart() : value;
}

function isBase64UrlCode(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 45 || code === 95;
}

/** Lengths of the dot-separated base64url parts of `token`, or undefined if it has other characters. */
function partLengths(token: string): number[] | undefined {
  const lengths: number[] = [];
  let length = 0;
  for (let index = 0; index < token.length; index++) {
    const code = token.charCodeAt(index);
    if (code === 46) {
      lengths.push(length);
      length = 0;
      if (lengths.length > 4) return undefined;
    } else if (isBase64UrlCode(code)) {
      length++;
    } else {
      return undefined;
    }
  }
  lengths.push(length);
  return lengths;
}

/** The `alg` of a JWS/JWE compact token's protected header, or undefined if `token` is not one. */
export function jwtAlgorithm(token: string): string | undefined {
  if (!token.startsWith('eyJ')) return undefined;
  const lengths = partLengths(token);
  if (lengths === undefined || (lengths.length !== 3 && lengths.length !== 5)) return undefined;
  const headerLength = lengths[0] ?? 0;
  if (headerLength < 10 || headerLength > MAX_HEADER_LENGTH) return undefined;
  // A JWS carries claims (a JSON object, `eyJ`); an unsecured JWS (alg none) has an empty signature.
  if (lengths.length === 3 && !token.startsWith('eyJ', headerLength + 1)) return undefined;
  const header = decodeHeader(token.slice(0, headerLength));
  return typeof header?.alg === 'string' ? header.alg : undefined;
}

function decodeHeader(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export const jwtClassifier: SensitiveClassifier = {
  id: 'jwt',
  description: 'A JSON Web Token (JWS or JWE compact form, optionally after "Bearer ") whose header names an alg.',
  valueGate: { minLength: 30, maxLength: 16_384, firstChars: FIRST_CHAR.lower | FIRST_CHAR.upper },
  matchValue(value) {
    const first = value.charCodeAt(0);
    if (first !== 101 && first !== 66 && first !== 98) return false; // e(yJ), B/b(earer)
    return jwtAlgorithm(withoutBearer(value)) !== undefined;
  },
};
