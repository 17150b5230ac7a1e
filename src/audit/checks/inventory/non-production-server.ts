// Non-production and unnamed hosts in the published server list (OWASP API9:2023): loopback and
// private addresses, internal-only names, bare IP addresses, and development or staging hosts listed
// next to production ones. Servers marked `x-internal: true` are declared internal and left alone;
// a document listing only a staging host is describing staging, so such hosts count only beside a
// production one.
import type { AuditCheck } from '../../check.js';
import { classifyHost, type HostClass } from './support/hosts.js';
import { isInternal, serverEntries, urlParts, urlWithDefaults } from './support/servers.js';

const WHY: Partial<Record<HostClass, string>> = {
  loopback: 'the loopback host',
  private: 'a private network address',
  'internal-name': 'a name that only resolves inside a private network',
  ip: 'a bare IP address rather than a named, documented host',
  'non-production': 'a development or pre-production host, listed next to production servers',
};

export const nonProductionServerCheck: AuditCheck = {
  id: 'inventory.non-production-server',
  group: 'inventory',
  title: 'Non-production or internal server in the document',
  owasp: 'API9',
  asvs: [],
  severity: 'low',
  part: 'security',
  explanation: 'Published server lists that include localhost, private addresses, internal names or staging and development hosts reveal internal infrastructure and invite calls to environments with weaker controls and real-looking data.',
  remediation: 'Remove internal and non-production servers from the published document (or mark them `x-internal: true` and publish a filtered copy), and address production by a documented host name.',
  run(api, report) {
    const servers = serverEntries(api).filter((server) => server.url !== undefined && !isInternal(server)).map((server) => {
      const url = urlWithDefaults(server.url ?? '', server.object);
      return { server, url, kind: classifyHost(urlParts(url).host ?? '') };
    });
    const hasProduction = servers.some(({ kind }) => kind === 'public');
    for (const { server, url, kind } of servers) {
      if (kind === 'non-production' && !hasProduction) continue;
      const why = WHY[kind];
      if (why !== undefined) report(server.at, `server \`${url}\` points at ${why}`);
    }
  },
};
