// Servers that do not say which environment they are (OWASP API9:2023): readers, portals and test
// tools cannot tell production from staging, so test data and weaker staging controls leak into
// real use. The words accepted are a subset of what Spectral's owasp:api9:2023-inventory-environment
// accepts, read as whole words: `Product catalogue` names no environment even though it holds `prod`.
import type { AuditCheck } from '../../check.js';
import { serverEntries } from './support/servers.js';

/** Words naming an environment; each contains one of the Spectral rule's accepted fragments. */
const ENVIRONMENT_WORDS = new Set([
  'local', 'localhost', 'sandbox', 'alpha', 'beta', 'test', 'tests', 'testing', 'stag', 'stage', 'staging', 'prod', 'production',
  'next', 'preprod', 'preproduction',
]);

export const serverEnvironmentCheck: AuditCheck = {
  id: 'inventory.server-environment',
  group: 'inventory',
  title: 'Server does not name its environment',
  owasp: 'API9',
  asvs: [],
  severity: 'low',
  part: 'security',
  explanation: 'A server whose description does not say whether it is production, staging, sandbox or local leaves readers and tools guessing which environment they call, so test hosts and data end up used and exposed like production ones.',
  remediation: 'Give every server a description naming its environment, e.g. `description: Production` or `description: Staging (test data only)`.',
  covers: ['owasp:api9:2023-inventory-environment'],
  run(api, report) {
    if (api.dialect === 'swagger-2.0') return;
    for (const server of serverEntries(api)) {
      const description = server.object?.description;
      const name = server.url === undefined ? 'the server' : `server \`${server.url}\``;
      if (typeof description !== 'string' || description.trim() === '') report(server.at, `${name} has no description naming its environment`);
      else if (!namesEnvironment(description)) report(server.at, `the description of ${name} ("${shorten(description)}") names no environment such as production, staging or sandbox`);
    }
  },
};

function namesEnvironment(description: string): boolean {
  return description.toLowerCase().split(/[^a-z0-9]+/).some((word) => ENVIRONMENT_WORDS.has(word));
}

function shorten(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}
