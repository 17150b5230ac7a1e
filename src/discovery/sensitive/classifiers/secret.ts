// Secrets without a recognisable issuer: a random-looking value under a field named for a token, a
// secret or a key (`accessToken`, `client_secret`, `privateKey`, `sessionId`), and PEM private key
// blocks (RFC 7468 §10-11) anywhere. A fallback: a JWT or a known API key under `accessToken` is
// reported as that, not as a secret too. Pagination and sync tokens are opaque but not secret.
import { FIRST_CHAR, type SensitiveClassifier } from '../classifier.js';
import { looksRandom } from '../entropy.js';
import { compileKeyRule } from '../key-hint.js';

const MAX_SECRET_LENGTH = 16_384;

/** Auth schemes some fields keep in front of the credential (RFC 9110 §11.4). */
const SCHEMES = ['bearer ', 'basic ', 'token ', 'digest ', 'apikey '];

function withoutScheme(value: string): string {
  const space = value.indexOf(' ');
  if (space < 5 || space > 7) return value;
  const head = value.slice(0, space + 1).toLowerCase();
  return SCHEMES.includes(head) ? value.slice(space + 1).trim() : value;
}

/** A PEM private key: `-----BEGIN [RSA |EC |OPENSSH |ENCRYPTED ]PRIVATE KEY-----`. */
export function isPemPrivateKey(value: string): boolean {
  if (!value.startsWith('-----BEGIN ')) return false;
  const end = value.indexOf('-----', 11);
  return end !== -1 && end <= 60 && value.slice(11, end).endsWith('PRIVATE KEY');
}

export const secretClassifier: SensitiveClassifier = {
  id: 'secret',
  description: 'A random-looking value under a token/secret/key field, or a PEM private key block.',
  matchKey: compileKeyRule({
    names: ['auth', 'authorization', 'cookie', 'setcookie', 'bearer', 'sid', 'jwt'],
    suffixes: [
      'token', 'tokens', 'secret', 'secrets', 'apikey', 'apikeys', 'accesskey', 'secretkey', 'privatekey', 'signingkey',
      'encryptionkey', 'masterkey', 'sessionkey', 'hmackey', 'credential', 'credentials', 'sessionid', 'apitoken', 'secretaccesskey',
    ],
    except: ['pagetoken', 'nexttoken', 'continuationtoken', 'synctoken', 'resumetoken', 'cursortoken', 'paginationtoken', 'publickey'],
  }),
  valueGate: { minLength: 64, maxLength: MAX_SECRET_LENGTH, firstChars: FIRST_CHAR.other },
  isFallback: true,
  matchValue(value, isKeyMatched) {
    if (isPemPrivateKey(value)) return true;
    return isKeyMatched && value.length <= MAX_SECRET_LENGTH && looksRandom(withoutScheme(value));
  },
};
