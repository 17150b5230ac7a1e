// OAuth 2.0 and OpenID Connect endpoints that are not HTTPS (OWASP API2:2023, RFC 6749 section 3.1,
// ASVS V9.1.1): authorization codes, client secrets, passwords and tokens cross them, readable and
// changeable by anyone on the network path.
import type { AuditCheck } from '../../check.js';
import { uniqueSchemes } from './support/schemes.js';

/** The scheme of an absolute URL, lowercased; undefined for a relative one (resolved against a server). */
function urlScheme(url: string): string | undefined {
  const colon = url.indexOf(':');
  if (colon <= 0) return undefined;
  const scheme = url.slice(0, colon);
  return /^[A-Za-z][A-Za-z0-9+.-]*$/.test(scheme) ? scheme.toLowerCase() : undefined;
}

function isInsecure(url: string | undefined): url is string {
  if (url === undefined) return false;
  const scheme = urlScheme(url.trim());
  return scheme !== undefined && scheme !== 'https';
}

export const oauthInsecureUrlsCheck: AuditCheck = {
  id: 'authentication.oauth-insecure-urls',
  group: 'authentication',
  title: 'OAuth endpoint without HTTPS',
  owasp: 'API2',
  asvs: ['V9.1.1'],
  severity: 'high',
  part: 'security',
  explanation: 'Authorization, token, refresh and OpenID Connect discovery URLs carry authorization codes, client secrets, passwords and tokens; over plain HTTP anyone on the path can read or replace them (a forged discovery document points clients at the attacker\'s keys).',
  remediation: 'Use https:// for authorizationUrl, tokenUrl, refreshUrl and openIdConnectUrl, and serve those endpoints over TLS only.',
  run(api, report) {
    for (const scheme of uniqueSchemes(api)) {
      if (isInsecure(scheme.openIdConnectUrl)) {
        report(scheme.at, `security scheme \`${scheme.name}\` has its openIdConnectUrl over ${urlScheme(scheme.openIdConnectUrl.trim())}: ${scheme.openIdConnectUrl}`);
      }
      for (const flow of scheme.flows) {
        const insecure = (['authorizationUrl', 'tokenUrl', 'refreshUrl'] as const)
          .filter((key) => isInsecure(flow[key]))
          .map((key) => `${key} ${flow[key] ?? ''}`);
        if (insecure.length > 0) report(flow.at, `the ${flow.kind} flow of \`${scheme.name}\` does not use HTTPS: ${insecure.join(', ')}`);
      }
    }
  },
};
