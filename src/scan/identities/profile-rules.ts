// Rules across keys that JSON Schema states poorly: one credential source per identity, the token
// location that fits its `from`, unique names, at least one user. Each problem names its key path.
import type { ConfigProblem } from '../../core/config/load-config.js';
import { CREDENTIAL_SOURCES, TOKEN_PATTERN, type IdentityConfig, type LoginConfig } from './auth-profile-schema.js';

const TOKEN = new RegExp(TOKEN_PATTERN);

export function profileProblems(identities: readonly IdentityConfig[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const firstByName = new Map<string, number>();
  identities.forEach((identity, index) => {
    const at = `identities[${index}]`;
    const earlier = firstByName.get(identity.name);
    if (earlier === undefined) firstByName.set(identity.name, index);
    else problems.push({ path: `${at}.name`, message: `repeats the name of identities[${earlier}]: names must be unique` });
    problems.push(...sourceProblems(identity, at));
  });
  if (identities.length > 0 && !identities.some((identity) => identity.role === 'user')) {
    problems.push({ path: 'identities', message: 'needs at least one identity with role user' });
  }
  return problems;
}

function sourceProblems(identity: IdentityConfig, at: string): ConfigProblem[] {
  const sources = CREDENTIAL_SOURCES.filter((source) => identity[source] !== undefined);
  if (sources.length !== 1) {
    const found = sources.length === 0 ? 'none' : sources.join(', ');
    return [{ path: at, message: `needs exactly one credential source (${CREDENTIAL_SOURCES.join(', ')}), found ${found}` }];
  }
  if (identity.apiKey) return apiKeyProblems(identity.apiKey, `${at}.apiKey`);
  if (identity.login) return loginProblems(identity.login, `${at}.login`);
  if (identity.oauth2 && !isHttpUrl(identity.oauth2.tokenUrl)) {
    return [{ path: `${at}.oauth2.tokenUrl`, message: 'must be an http:// or https:// URL' }];
  }
  return [];
}

function apiKeyProblems(apiKey: NonNullable<IdentityConfig['apiKey']>, at: string): ConfigProblem[] {
  if (apiKey.in !== 'query' && !TOKEN.test(apiKey.name)) return [{ path: `${at}.name`, message: `is not a valid ${apiKey.in} name` }];
  // RFC 6265 §4.1.1: `;` ends a cookie, the rest would become another cookie.
  if (apiKey.in === 'cookie' && apiKey.value.includes(';')) return [{ path: `${at}.value`, message: 'cannot contain ";" in a cookie' }];
  return [];
}

function loginProblems(login: LoginConfig, at: string): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (login.body !== undefined && login.form !== undefined) problems.push({ path: `${at}.form`, message: 'cannot be given with body: the login sends JSON or a form, not both' });
  const { from, pointer, name } = login.token;
  if (from === 'body') {
    if (pointer === undefined) problems.push({ path: `${at}.token.pointer`, message: 'is required when the token is taken from the body' });
    if (name !== undefined) problems.push({ path: `${at}.token.name`, message: 'is only for a token taken from a header or cookie: use pointer' });
  } else {
    if (name === undefined) problems.push({ path: `${at}.token.name`, message: `is required when the token is taken from a ${from}` });
    if (pointer !== undefined) problems.push({ path: `${at}.token.pointer`, message: 'is only for a token taken from the body: use name' });
  }
  return problems;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
