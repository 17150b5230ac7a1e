// Security schemes from the authentication discovery saw: one scheme per kind and place (bearer JWT,
// Basic, an API key header by name, a session cookie, mutual TLS), and per operation the alternatives
// its calls used, with `{}` (anonymous) among them when some calls carried no credentials.
import type { AuthView, OperationView } from '../inventory/operation-view.js';

export type SecurityScheme = Record<string, unknown>;

/** The operation's security requirement, registering the schemes it uses; undefined when nothing was seen. */
export function securityOf(view: OperationView, schemes: Map<string, SecurityScheme>): Record<string, string[]>[] | undefined {
  const alternatives: Record<string, string[]>[] = [];
  for (const auth of view.auth) {
    const named = schemeFor(auth);
    if (named === undefined) continue;
    schemes.set(named.name, named.scheme);
    if (!alternatives.some((alternative) => named.name in alternative)) alternatives.push({ [named.name]: [...auth.scopes] });
  }
  if (alternatives.length === 0) return view.calls > 0 ? [] : undefined;
  if (view.unauthenticatedCalls > 0) alternatives.push({});
  return alternatives;
}

function schemeFor(auth: AuthView): { name: string; scheme: SecurityScheme } | undefined {
  switch (auth.kind) {
    case 'bearer-jwt':
      return { name: 'bearerJwt', scheme: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', ...(auth.issuers.length > 0 ? { description: `Issuers seen: ${auth.issuers.join(', ')}` } : {}) } };
    case 'bearer':
      return auth.in === 'query'
        ? { name: `apiKeyQuery_${auth.name}`, scheme: { type: 'apiKey', in: 'query', name: auth.name } }
        : { name: 'bearer', scheme: { type: 'http', scheme: 'bearer' } };
    case 'basic':
      return { name: 'basic', scheme: { type: 'http', scheme: 'basic' } };
    case 'api-key':
      return { name: `apiKey${auth.in === 'query' ? 'Query' : 'Header'}_${auth.name}`, scheme: { type: 'apiKey', in: auth.in, name: auth.name } };
    case 'session-cookie':
      return { name: `cookie_${auth.name}`, scheme: { type: 'apiKey', in: 'cookie', name: auth.name } };
    case 'mtls':
      return { name: 'mutualTls', scheme: { type: 'mutualTLS' } };
    case 'other':
      return undefined;
  }
}
