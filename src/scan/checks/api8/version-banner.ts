// API8: headers naming the server software with its exact version point attackers at the CVEs
// that version has.
import type { ScanCheck } from '../../check.js';
import { successes } from '../probe.js';
import { versionBanners } from '../response-signs.js';

export const versionBanner: ScanCheck = {
  id: 'api8.version-banner',
  category: 'API8',
  title: 'Server software version disclosed',
  severity: 'low',
  remediation: 'Remove Server / X-Powered-By version details (Express: app.disable("x-powered-by"); nginx: server_tokens off).',
  run(context) {
    const seen = new Set<string>();
    for (const success of successes(context)) {
      for (const banner of versionBanners(success.exchange.response?.headers ?? {})) {
        const key = `${banner.header}: ${banner.value}`;
        if (seen.has(key)) continue;
        seen.add(key);
        context.report({ operation: success.operation, message: `The answer names its software and version: \`${key}\`.`, evidence: [success.exchange], confidence: 'confirmed' });
      }
    }
    return Promise.resolve();
  },
};
