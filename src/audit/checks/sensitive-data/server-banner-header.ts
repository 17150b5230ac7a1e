// Responses that document version banners (OWASP ASVS V14.3.3): `Server: nginx/1.18.0` and
// `X-Powered-By: Express` tell attackers which known vulnerabilities to try.
import type { AuditCheck } from '../../check.js';

/** Headers whose only purpose is naming the software (and often its version) behind the API. */
const BANNER_HEADERS = new Set([
  'server', 'x-powered-by', 'x-aspnet-version', 'x-aspnetmvc-version', 'x-generator', 'x-runtime', 'x-backend-server', 'x-server',
  'x-application-server', 'x-framework', 'x-php-version', 'x-drupal-cache', 'x-drupal-dynamic-cache',
]);

export const serverBannerHeaderCheck: AuditCheck = {
  id: 'sensitive-data.server-banner-header',
  group: 'sensitive-data',
  title: 'Response header reveals the server software',
  owasp: 'API8',
  asvs: ['V14.3.3'],
  severity: 'info',
  part: 'security',
  explanation: 'Headers like Server, X-Powered-By or X-AspNet-Version name the software and often the exact version behind the API, which points attackers at its known vulnerabilities.',
  remediation: 'Stop sending the header (or send a generic value without a version) and remove it from the documented responses.',
  run(api, report) {
    const seen = new Set<string>();
    for (const operation of api.operations) {
      for (const response of operation.responses) {
        for (const header of response.headers) {
          const key = `${header.at.file}#${header.at.pointer}`;
          if (seen.has(key) || !BANNER_HEADERS.has(header.name.toLowerCase())) continue;
          seen.add(key);
          report(header.at, `${operation.method.toUpperCase()} ${operation.path}: the ${response.status} response declares the header \`${header.name}\`, which names the server software`);
        }
      }
    }
  },
};
