// OAuth 2.0 flows with no refreshUrl (OWASP API2:2023): without refresh tokens, access tokens are
// usually made long-lived so that users are not sent back to log in, and a stolen token stays useful
// for as long. Swagger 2.0 cannot declare a refreshUrl, so it is not asked for there.
import type { AuditCheck } from '../../check.js';
import { uniqueSchemes } from './support/schemes.js';
import { resolveObject } from './support/path-items.js';

const ADVICE: Record<string, string> = {
  implicit: ' (the implicit flow cannot issue refresh tokens: move to the authorization code flow with PKCE)',
  clientCredentials: ' (clients using client credentials can request a new short-lived token instead: document the token lifetime)',
};

export const shortLivedTokensCheck: AuditCheck = {
  id: 'authentication.short-lived-tokens',
  group: 'authentication',
  title: 'OAuth flow without refresh URL',
  owasp: 'API2',
  asvs: [],
  severity: 'low',
  part: 'security',
  explanation: 'A flow with no refresh URL suggests access tokens are not rotated: they are likely long-lived, so a leaked token can be used for a long time.',
  remediation: 'Issue short-lived access tokens (minutes) with refresh tokens, declare the flow\'s refreshUrl, and state the token lifetime in the scheme\'s description.',
  covers: ['owasp:api2:2023-short-lived-access-tokens'],
  run(api, report) {
    if (api.dialect === 'swagger-2.0') return;
    for (const scheme of uniqueSchemes(api)) {
      if (scheme.type !== 'oauth2') continue;
      // The flows as written, not the model's four: a misspelt flow is still a flow Spectral asks about.
      const flows = resolveObject(api, api.document.child({ value: scheme.value, at: scheme.at }, 'flows'));
      if (flows === undefined) continue;
      for (const kind of Object.keys(flows.value)) {
        if (kind.startsWith('x-')) continue;
        const flow = resolveObject(api, api.document.child(flows, kind));
        if (flow === undefined) continue;
        const refreshUrl = flow.value.refreshUrl;
        if (typeof refreshUrl === 'string' && refreshUrl.trim() !== '') continue;
        report(flow.at, `the ${kind} flow of \`${scheme.name}\` declares no refreshUrl${ADVICE[kind] ?? ''}`);
      }
    }
  },
};
