// Several major versions in one document (OWASP API9:2023): /v1/orders next to /v2/orders means the old
// version still runs; the older paths (and servers) are the zombie candidates, reported so someone
// decides whether they are still needed.
import type { AuditCheck } from '../../check.js';
import type { NodeRef } from '../../document.js';
import { serverEntries, urlParts, urlWithDefaults } from './support/servers.js';
import { majorOfPath } from './support/versions.js';

export const mixedVersionsCheck: AuditCheck = {
  id: 'inventory.mixed-versions',
  group: 'inventory',
  title: 'Older API version still published',
  owasp: 'API9',
  asvs: [],
  severity: 'info',
  part: 'security',
  explanation: 'A document that publishes several major versions (/v1 and /v2) keeps the old version reachable; old versions are where fixes are missing and where attackers go first.',
  remediation: 'Retire the older version (deprecate it with a Sunset date, then remove it), or document why it must stay and who owns it.',
  run(api, report) {
    const paths: Versioned[] = [];
    const seenPaths = new Set<string>();
    for (const operation of api.operations) {
      const major = majorOfPath(operation.path);
      const key = `${operation.pathItemAt.file}#${operation.pathItemAt.pointer}#${operation.path}`;
      if (major === undefined || seenPaths.has(key)) continue;
      seenPaths.add(key);
      paths.push({ major, at: operation.pathItemAt, name: `the path ${operation.path}` });
    }
    reportOlder(paths, report);
    const servers: Versioned[] = [];
    for (const server of serverEntries(api)) {
      if (server.url === undefined) continue;
      const major = majorOfPath(urlParts(urlWithDefaults(server.url, server.object)).path);
      if (major !== undefined) servers.push({ major, at: server.at, name: `server \`${server.url}\`` });
    }
    reportOlder(servers, report);
  },
};

interface Versioned {
  readonly major: number;
  readonly at: NodeRef;
  readonly name: string;
}

function reportOlder(items: readonly Versioned[], report: (at: NodeRef, message: string) => void): void {
  const latest = Math.max(...items.map((item) => item.major));
  for (const item of items) {
    if (item.major < latest) report(item.at, `${item.name} is version ${item.major}, but version ${latest} is published in the same document`);
  }
}
