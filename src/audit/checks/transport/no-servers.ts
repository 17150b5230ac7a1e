// Documents (or operations) that name no server: the API's address is left to wherever the document
// happens to be served from, so clients, gateways and scanners cannot tell which host is the real one.
import type { AuditCheck } from '../../check.js';

export const noServersCheck: AuditCheck = {
  id: 'transport.no-servers',
  group: 'transport',
  title: 'No server declared',
  owasp: 'API9',
  asvs: [],
  severity: 'info',
  part: 'security',
  explanation: 'Without a declared server, the API\'s address (and whether it is HTTPS) is implied by wherever the document is hosted; clients and gateways cannot check they talk to the intended host, and the inventory of deployments is incomplete.',
  remediation: 'Declare the API\'s servers (`servers` with `https://` URLs; Swagger 2.0: `host`, `basePath` and `schemes: [https]`), one per environment, each with a description.',
  run(api, report) {
    if (api.dialect === 'swagger-2.0') {
      if (typeof api.root.value.host !== 'string' && api.operations.length > 0) report(api.root.at, 'no `host`: the API is assumed to be where the document is served from');
      return;
    }
    if (api.servers.length > 0) return;
    const unserved = api.operations.filter((operation) => operation.servers.length === 0);
    if (unserved.length === api.operations.length) {
      report(api.root.at, 'no `servers`: the API is assumed to be where the document is served from');
      return;
    }
    // Some operations name their own servers: only the others are left without one.
    const seen = new Set<string>();
    for (const operation of unserved) {
      const key = `${operation.at.file}#${operation.at.pointer}`;
      if (seen.has(key)) continue;
      seen.add(key);
      report(operation.at, `${operation.method.toUpperCase()} ${operation.path}: no server, while other operations name theirs`);
    }
  },
};
