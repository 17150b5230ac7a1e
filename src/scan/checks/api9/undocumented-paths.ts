// API9: well-known debug, administration and documentation paths the document does not describe
// but the server answers. A short fixed list (no wordlist brute force), asked anonymously, as an
// outsider would. Proof: a 2xx whose body differs from what an invented path gets (a 404), so a
// catch-all route does not count; configuration secrets in the body make it worse.
import { randomBytes } from 'node:crypto';
import type { ScanCheck } from '../../check.js';
import type { Exchange } from '../../exchange.js';
import type { ScanSeverity } from '../../finding.js';
import { isSuccess } from '../probe.js';
import { documentedPaths } from './documented-paths.js';

type Kind = 'debug' | 'docs';

/** Debug and admin surfaces leak internals (medium); API descriptions only map the attack surface (low). */
export const WELL_KNOWN_PATHS: readonly (readonly [string, Kind])[] = [
  ['/debug/vars', 'debug'], ['/debug/pprof/', 'debug'], ['/debug', 'debug'], ['/_debug', 'debug'],
  ['/actuator', 'debug'], ['/actuator/env', 'debug'], ['/actuator/configprops', 'debug'], ['/actuator/mappings', 'debug'],
  ['/metrics', 'debug'], ['/env', 'debug'], ['/.env', 'debug'], ['/config', 'debug'], ['/.git/config', 'debug'],
  ['/server-status', 'debug'], ['/server-info', 'debug'], ['/phpinfo.php', 'debug'], ['/trace', 'debug'], ['/jolokia', 'debug'],
  ['/console', 'debug'], ['/h2-console', 'debug'], ['/internal', 'debug'], ['/admin', 'debug'], ['/management', 'debug'],
  ['/graphql', 'docs'], ['/graphiql', 'docs'], ['/swagger.json', 'docs'], ['/swagger-ui.html', 'docs'], ['/openapi.json', 'docs'],
  ['/openapi.yaml', 'docs'], ['/api-docs', 'docs'], ['/v2/api-docs', 'docs'], ['/v3/api-docs', 'docs'],
];

/** Names of configuration secrets next to a value (`"JWT_SECRET": "...`, `DB_PASSWORD=`). */
const SECRET_KEY = /(?:secret|passw(?:or)?d|private_?key|api_?key|access_?key|credentials?)[a-z0-9_]{0,40}["']?\s{0,3}[:=]/i;

function severityOf(kind: Kind, answer: Exchange): ScanSeverity {
  if (SECRET_KEY.test(answer.response?.body ?? '')) return 'high';
  return kind === 'debug' ? 'medium' : 'low';
}

export const undocumentedPaths: ScanCheck = {
  id: 'api9.undocumented-paths',
  category: 'API9',
  title: 'Undocumented debug or administration endpoint',
  severity: 'medium',
  remediation: 'Remove debug, metrics and administration endpoints from production builds, or bind them to an internal interface behind authentication; keep every exposed route in the inventory and the document.',
  async run(context) {
    const isDocumented = documentedPaths(context.api);
    const control = await context.client.send({ method: 'GET', path: `/bulwark-${randomBytes(6).toString('hex')}` });
    const controlBody = control.response?.body;
    for (const [path, kind] of WELL_KNOWN_PATHS) {
      if (isDocumented(path)) continue;
      const answer = await context.client.send({ method: 'GET', path });
      if (!isSuccess(answer) || answer.response?.body === controlBody || answer.response?.body === '') continue;
      const isCatchAll = isSuccess(control);
      const severity = severityOf(kind, answer);
      context.report({
        message: `GET ${path} is not in the document but answered ${String(answer.response?.status)} without credentials${isCatchAll ? '; an invented path also answered 2xx, so this may be a catch-all route' : `, where an invented path answered ${String(control.response?.status ?? control.error)}`}${severity === 'high' ? '; the body names configuration secrets' : ''}.`,
        evidence: [answer, control],
        confidence: isCatchAll ? 'tentative' : 'confirmed',
        severity,
      });
    }
  },
};
