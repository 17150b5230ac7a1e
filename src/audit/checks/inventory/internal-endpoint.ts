// Debug, test and internal endpoints in the published paths (OWASP API9:2023): `/debug`, `/internal`,
// `/actuator`, `/test` are meant for operators and developers, and are the first thing scanners look
// for. Paths and operations marked `x-internal: true` are declared internal and left alone.
import type { AuditCheck } from '../../check.js';
import type { NodeRef } from '../../document.js';
import { isObject, type OperationInfo } from '../../model.js';

/** Path segments naming operator, developer or test functions. */
const INTERNAL_SEGMENTS = new Set([
  'debug', '_debug', 'internal', '_internal', 'test', 'tests', 'testing', '_test', 'actuator', 'phpinfo', 'phpinfo.php', 'heapdump',
  'threaddump', 'jolokia', 'dev', '_dev', '__debug__', 'pprof', '_profiler', 'trace.axd', 'elmah.axd', 'server-status',
]);

export const internalEndpointCheck: AuditCheck = {
  id: 'inventory.internal-endpoint',
  group: 'inventory',
  title: 'Debug, test or internal endpoint published',
  owasp: 'API9',
  asvs: [],
  severity: 'low',
  part: 'security',
  explanation: 'Paths like /debug, /internal, /test or /actuator serve operators and developers; published with the public API they advertise functions that usually have weaker checks and reveal internals.',
  remediation: 'Remove debug and test endpoints from production, move internal ones to a separate internal API (or mark them `x-internal: true` and publish a filtered document), and protect whatever remains.',
  run(api, report) {
    const byPath = new Map<string, { path: string; at: NodeRef; segment: string; published: OperationInfo[] }>();
    for (const operation of api.operations) {
      const segment = operation.path.split('/').find((part) => INTERNAL_SEGMENTS.has(part.toLowerCase()));
      if (segment === undefined || operation.value['x-internal'] === true) continue;
      const key = `${operation.pathItemAt.file}#${operation.pathItemAt.pointer}#${operation.path}`;
      const entry = byPath.get(key) ?? { path: operation.path, at: operation.pathItemAt, segment, published: [] };
      entry.published.push(operation);
      byPath.set(key, entry);
    }
    for (const { path, at, segment, published } of byPath.values()) {
      const pathItem = api.document.get(at);
      if (isObject(pathItem) && pathItem['x-internal'] === true) continue;
      const methods = published.map((operation) => operation.method.toUpperCase()).join(', ');
      report(at, `the path ${path} has a \`${segment}\` segment: ${methods} ${published.length === 1 ? 'is' : 'are'} published as part of the API`);
    }
  },
};
