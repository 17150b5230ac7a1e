// OAuth 2.0 client credentials (RFC 6749 §4.4): the identity is a client that asks the authorization
// server (any http(s) origin) for an access token and sends it as a bearer token (RFC 6750).
import type { OAuth2Config } from './auth-profile-schema.js';
import { bearer, isUsableToken, type Credentials } from './credentials.js';
import { sendRequest, type HttpAnswer, type SendOptions } from './send-request.js';

/** RFC 6749 §5.2 error codes are printable ASCII without `"` and `\`; anything else is not shown. */
const ERROR_CODE = /^[\x20\x21\x23-\x5B\x5D-\x7E]{1,64}$/;

/** Rejects with an Error naming the endpoint and what failed, never the client secret or a token. */
export async function clientCredentials(config: OAuth2Config, options: SendOptions): Promise<Credentials> {
  const url = new URL(config.tokenUrl);
  // The query is left out of messages: it is the one part of a URL a secret might be put in.
  const what = `token request to ${url.origin}${url.pathname}`;
  let answer: HttpAnswer;
  try {
    answer = await sendRequest(url, tokenRequest(config), options);
  } catch (error) {
    throw new Error(`${what}: ${(error as Error).message}`, { cause: error });
  }
  const body = parseObject(answer.body);
  if (answer.status < 200 || answer.status >= 300) {
    const code = typeof body?.error === 'string' && ERROR_CODE.test(body.error) ? ` (${body.error})` : '';
    throw new Error(`${what} answered ${answer.status}${code}`);
  }
  const token = body?.access_token;
  if (typeof token !== 'string' || token === '') throw new Error(`${what} answered ${answer.status} without an access_token`);
  if (!isUsableToken(token)) throw new Error(`${what}: the access_token has characters a header cannot carry`);
  // A DPoP- or MAC-bound token would be refused when sent as a plain bearer token.
  const type = body?.token_type;
  if (typeof type === 'string' && type.toLowerCase() !== 'bearer') {
    throw new Error(`${what} issued a token of type ${ERROR_CODE.test(type) ? type : '(unreadable)'}, not Bearer`);
  }
  return bearer(token);
}

function tokenRequest(config: OAuth2Config): { method: string; headers: Record<string, string>; body: string } {
  const form = new URLSearchParams({ grant_type: 'client_credentials' });
  if (config.scope !== undefined) form.set('scope', config.scope);
  if (config.audience !== undefined) form.set('audience', config.audience);
  if (config.resource !== undefined) form.set('resource', config.resource);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  if (config.auth === 'post') {
    form.set('client_id', config.clientId);
    form.set('client_secret', config.clientSecret);
  } else {
    // RFC 6749 §2.3.1: id and secret are form-encoded before base64 (percent-encoding decodes the
    // same under a form or a URI decoder, so encodeURIComponent is the safe choice).
    const pair = `${encodeURIComponent(config.clientId)}:${encodeURIComponent(config.clientSecret)}`;
    headers.authorization = `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
  }
  return { method: 'POST', headers, body: form.toString() };
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, unknown> : undefined;
  } catch {
    return undefined;
  }
}
