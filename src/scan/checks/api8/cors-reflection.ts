// API8: CORS that echoes any Origin back with Access-Control-Allow-Credentials: true lets every web
// page read the API's answers with the visitor's cookies or credentials.
import type { ScanCheck } from '../../check.js';
import { successes } from '../probe.js';
import { sendAs } from '../probe-send.js';

const EVIL_ORIGIN = 'https://bulwark-scan.invalid';

export const corsReflection: ScanCheck = {
  id: 'api8.cors-reflection',
  category: 'API8',
  title: 'CORS reflects any origin',
  severity: 'high',
  remediation: 'Allow only a fixed list of trusted origins; never reflect the Origin header, and never combine a reflected or `null` origin with Access-Control-Allow-Credentials: true.',
  async run(context) {
    const target = successes(context, (operation) => operation.method === 'GET')[0];
    if (target === undefined) return;
    for (const origin of [EVIL_ORIGIN, 'null']) {
      const exchange = await sendAs(context, target.built.request, target.identity, { headers: { ...target.built.request.headers, origin } });
      const headers = exchange.response?.headers ?? {};
      if (headers['access-control-allow-origin'] !== origin) continue;
      const withCredentials = headers['access-control-allow-credentials']?.toLowerCase() === 'true';
      context.report({
        operation: target.operation,
        message: `The answer allows the origin \`${origin}\`${withCredentials ? ' with credentials' : ''}: ${withCredentials ? 'any page can read answers with the visitor\'s credentials' : 'any page can read public answers'}.`,
        evidence: [exchange],
        confidence: 'confirmed',
        severity: withCredentials ? 'high' : 'low',
      });
      return;
    }
  },
};

