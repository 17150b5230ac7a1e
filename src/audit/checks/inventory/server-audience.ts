// Servers that do not say who they are for (OWASP API9:2023): `x-internal: true|false` is what
// documentation tools read to keep internal servers out of public portals; without it, an internal
// host gets published with the rest.
import type { AuditCheck } from '../../check.js';
import { serverEntries } from './support/servers.js';

export const serverAudienceCheck: AuditCheck = {
  id: 'inventory.server-audience',
  group: 'inventory',
  title: 'Server does not declare its audience',
  owasp: 'API9',
  asvs: [],
  severity: 'low',
  part: 'security',
  explanation: 'Without `x-internal: true` or `false` on a server, documentation tools cannot tell internal hosts from public ones, so internal servers end up in public portals and nobody can say which hosts are meant to be reachable.',
  remediation: 'Add `x-internal: false` to public servers and `x-internal: true` to internal ones (and publish a filtered document without the internal ones).',
  covers: ['owasp:api9:2023-inventory-access'],
  run(api, report) {
    if (api.dialect === 'swagger-2.0') return;
    for (const server of serverEntries(api)) {
      const value = server.object?.['x-internal'];
      if (typeof value === 'boolean') continue;
      const name = server.url === undefined ? 'the server' : `server \`${server.url}\``;
      report(server.at, value === undefined ? `${name} does not declare x-internal: true or false` : `${name} has x-internal set to ${JSON.stringify(value)}, not true or false`);
    }
  },
};
