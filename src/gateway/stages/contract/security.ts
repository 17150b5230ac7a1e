// Whether a request carries the credentials an operation's security requirements name (OpenAPI
// Security Requirement Object: alternatives OR-ed, schemes within one AND-ed). Presence only: the
// identity stage verifies them. A request with none at all is refused here, before any body is read.
// A consumer the identity stage already authenticated counts as credentials whatever the document
// names: a gateway-managed API key or client certificate in front of an API documented with OAuth
// is the usual deployment, and the access stage still checks the document's scopes.
import { parseCookies, type CompiledOperation } from '../../../contract/index.js';
import type { RequestContext } from '../../request-context.js';

export function credentialsPresent(op: CompiledOperation, ctx: RequestContext): boolean {
  const requirements = op.spec.security;
  if (requirements.length === 0 || (ctx.consumer !== undefined && ctx.consumer.kind !== 'anonymous')) return true;
  return requirements.some((requirement) => Object.keys(requirement).every((name) => schemePresent(op, name, ctx)));
}

function schemePresent(op: CompiledOperation, name: string, ctx: RequestContext): boolean {
  const scheme = op.schemes[name];
  if (!scheme) return false; // a requirement naming an undefined scheme cannot be met
  const authorization = headerText(ctx.headers.authorization).trimStart();
  switch (scheme.type) {
    case 'apiKey': {
      // An empty key is no key.
      const key = scheme.name ?? '';
      if (scheme.in === 'header') return headerText(ctx.headers[key.toLowerCase()]).trim() !== '';
      if (scheme.in === 'query') return queryHas(ctx.query, key);
      return (parseCookies(headerText(ctx.headers.cookie)).get(key) ?? '').trim() !== '';
    }
    case 'http':
      return startsWithScheme(authorization, scheme.scheme ?? '');
    case 'oauth2':
    case 'openIdConnect':
      return startsWithScheme(authorization, 'bearer');
    case 'mutualTLS':
      // The client certificate is checked by the TLS listener and the identity stage.
      return ctx.protocol === 'https';
    default:
      return false;
  }
}

/** Names of the query parameters, headers and cookies that carry this operation's API keys: not "unknown". */
export function schemeCredentialNames(op: CompiledOperation): { query: string[]; header: string[]; cookie: string[] } {
  const names = { query: [] as string[], header: [] as string[], cookie: [] as string[] };
  for (const requirement of op.spec.security) {
    for (const name of Object.keys(requirement)) {
      const scheme = op.schemes[name];
      if (scheme?.type !== 'apiKey' || scheme.name === undefined) continue;
      if (scheme.in === 'header') names.header.push(scheme.name.toLowerCase());
      else if (scheme.in === 'query') names.query.push(scheme.name);
      else if (scheme.in === 'cookie') names.cookie.push(scheme.name);
    }
  }
  return names;
}

/** `<scheme> <credentials>`, case-insensitive scheme, with credentials that are not just spaces. */
function startsWithScheme(authorization: string, scheme: string): boolean {
  return scheme !== '' && authorization.slice(0, scheme.length + 1).toLowerCase() === `${scheme.toLowerCase()} `
    && authorization.slice(scheme.length + 1).trim() !== '';
}

/** Whether the query has the key with a non-empty value. */
function queryHas(query: string, key: string): boolean {
  for (const pair of query.split('&')) {
    const equals = pair.indexOf('=');
    const name = equals === -1 ? pair : pair.slice(0, equals);
    if (equals === -1 || equals === pair.length - 1) continue;
    try {
      if (decodeURIComponent(name.replace(/\+/g, ' ')) === key) return true;
    } catch {
      // bad percent-encoding: the parameter checks report it
    }
  }
  return false;
}

function headerText(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join('; ') : value ?? '';
}
