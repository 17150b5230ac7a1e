// Logs an identity in at the scan target and takes the token from the answer: a JSON body at a
// pointer (RFC 6901), a header, or a cookie. The request only ever goes to the target's origin.
import { ownValueAt } from '../../core/request-values.js';
import type { LoginConfig } from './auth-profile-schema.js';
import { isUsableToken, tokenCredentials, type Credentials } from './credentials.js';
import { sendRequest, type HttpAnswer, type SendOptions } from './send-request.js';

export interface LoginOptions extends SendOptions {
  /** The target's origin and base path; the login path is appended to it, as the scan client does. */
  readonly target: URL;
}

/** Rejects with an Error naming what failed (status, pointer, header) but never a credential. */
export async function login(config: LoginConfig, options: LoginOptions): Promise<Credentials> {
  const url = loginUrl(options.target, config.path);
  const what = `login ${config.method} ${url.origin}${url.pathname}`;
  let answer: HttpAnswer;
  try {
    answer = await sendRequest(url, loginRequest(config), options);
  } catch (error) {
    throw new Error(`${what}: ${(error as Error).message}`, { cause: error });
  }
  // A token in a header or cookie may come with a redirect (a form login answering 303); redirects
  // are not followed, so that answer is the one that carries it. A JSON token needs a 2xx.
  const isRedirect = answer.status >= 300 && answer.status < 400 && config.token.from !== 'body';
  if ((answer.status < 200 || answer.status >= 300) && !isRedirect) {
    throw new Error(`${what} answered ${answer.status}${answer.status >= 300 && answer.status < 400 ? ' (redirects are not followed)' : ''}`);
  }
  const token = tokenOf(answer, config.token);
  if (typeof token !== 'string' || token === '') throw new Error(`${what} answered ${answer.status} without a token ${tokenPlace(config.token)}`);
  if (!isUsableToken(token)) throw new Error(`${what}: the token ${tokenPlace(config.token)} has characters a header cannot carry`);
  return tokenCredentials(token, config.as);
}

/** Concatenated, not resolved (as the scan client does): `//evil.example/x` stays a path on the target. */
export function loginUrl(target: URL, path: string): URL {
  const prefix = target.pathname.replace(/\/+$/, '');
  const url = new URL(`${target.origin}${prefix}${path}`);
  if (url.origin !== target.origin) throw new Error(`the login path ${path} leaves the target ${target.origin}`);
  return url;
}

function loginRequest(config: LoginConfig): { method: string; headers: Record<string, string>; body?: string } {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (config.form !== undefined) {
    const form = new URLSearchParams();
    for (const [name, value] of Object.entries(config.form)) form.set(name, String(value));
    return { method: config.method, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() };
  }
  if (config.body !== undefined) {
    return { method: config.method, headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(config.body) };
  }
  return { method: config.method, headers };
}

function tokenOf(answer: HttpAnswer, token: LoginConfig['token']): unknown {
  if (token.from === 'header') {
    // `Authorization: Bearer <token>` in an answer: the scheme is not part of the token.
    const value = answer.header(token.name ?? '');
    return value?.replace(/^bearer[ \t]+/i, '').trim();
  }
  if (token.from === 'cookie') return cookieValue(answer.setCookies, token.name ?? '');
  let body: unknown;
  try {
    body = JSON.parse(answer.body);
  } catch {
    return undefined;
  }
  return ownValueAt(body, pointerSegments(token.pointer ?? ''));
}

/** RFC 6901: '' is the whole document; `~1` is `/` and `~0` is `~`, unescaped in that order. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** The value of the last `Set-Cookie` for `name` (RFC 6265 §5.2: name=value before the first `;`). */
function cookieValue(setCookies: readonly string[], name: string): string | undefined {
  let found: string | undefined;
  for (const line of setCookies) {
    const pair = line.split(';', 1)[0] ?? '';
    const equals = pair.indexOf('=');
    if (equals !== -1 && pair.slice(0, equals).trim() === name) found = pair.slice(equals + 1).trim();
  }
  return found;
}

function tokenPlace(token: LoginConfig['token']): string {
  if (token.from === 'body') return `at ${token.pointer === '' ? '(the whole body)' : token.pointer} in the body`;
  return token.from === 'header' ? `in the ${token.name} header` : `in a ${token.name} cookie`;
}
