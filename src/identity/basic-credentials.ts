// Decodes the credentials of `Authorization: Basic <base64>` (RFC 7617 §2): user-id ":" password,
// UTF-8, no control characters. Anything else is refused rather than guessed at.

export interface BasicCredentials {
  readonly username: string;
  readonly password: string;
}

/** Longer names are refused: they key the brute-force tracker, which must stay small. */
export const MAX_USERNAME_LENGTH = 256;
/** Far beyond any real password; keeps what is hashed per request bounded. */
export const MAX_PASSWORD_LENGTH = 1024;

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
// eslint-disable-next-line no-control-regex -- RFC 7617 §2: neither part may contain control characters
const CONTROL = /[\u0000-\u001f\u007f]/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The user name and password (both NFC, RFC 7617 §2.1), or undefined when the token is malformed. */
export function parseBasicCredentials(token: string): BasicCredentials | undefined {
  if (!BASE64.test(token) || token.length % 4 !== 0 || token.length > 4 * (MAX_USERNAME_LENGTH + MAX_PASSWORD_LENGTH)) return undefined;
  let text: string;
  try {
    text = utf8.decode(Buffer.from(token, 'base64'));
  } catch {
    return undefined;
  }
  // The user-id cannot contain ':' (RFC 7617 §2), so the first one separates; the password may hold more.
  const colon = text.indexOf(':');
  if (colon <= 0) return undefined;
  const username = text.slice(0, colon).normalize('NFC');
  const password = text.slice(colon + 1).normalize('NFC');
  if (CONTROL.test(username) || CONTROL.test(password)) return undefined;
  if (username.length > MAX_USERNAME_LENGTH || password.length > MAX_PASSWORD_LENGTH) return undefined;
  return { username, password };
}
