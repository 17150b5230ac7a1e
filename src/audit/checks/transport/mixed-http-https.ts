// Operations that leave the document's HTTPS servers for a plain-HTTP one (an operation- or path-level
// `servers`, or Swagger 2.0 operation `schemes`): one forgotten exception, often a login, an upload or
// a callback, carries the same credentials unencrypted.
import type { AuditCheck } from '../../check.js';
import { isEncryptedScheme, isEncryptedUrl, isPlainTextUrl } from './support/servers.js';

export const mixedHttpHttpsCheck: AuditCheck = {
  id: 'transport.mixed-http-https',
  group: 'transport',
  title: 'Operation downgraded to plain HTTP',
  owasp: 'API8',
  asvs: ['V9.1.1'],
  severity: 'medium',
  part: 'security',
  explanation: 'An operation that overrides the document\'s HTTPS servers with a plain-HTTP one sends its requests, and the credentials they carry, unencrypted, although the API otherwise looks protected.',
  remediation: 'Remove the override or make it `https://` (Swagger 2.0: drop `http` from the operation\'s `schemes`); the operation should use the same TLS endpoints as the rest of the API.',
  run(api, report) {
    if (api.dialect === 'swagger-2.0') {
      const rootSchemes = api.root.value.schemes;
      if (!Array.isArray(rootSchemes) || rootSchemes.length === 0 || !rootSchemes.every(isEncryptedScheme)) return;
      for (const operation of api.operations) {
        const schemes = operation.value.schemes;
        const plain = Array.isArray(schemes) ? schemes.filter((scheme) => scheme === 'http' || scheme === 'ws') : [];
        if (plain.length > 0) report(operation.at, `${operation.method.toUpperCase()} ${operation.path}: allows \`${String(plain[0])}\` although the document uses only ${rootSchemes.join(', ')}`);
      }
      return;
    }
    if (api.servers.length === 0 || !api.servers.every((server) => isEncryptedUrl(server.url))) return;
    const seen = new Set<string>();
    for (const operation of api.operations) {
      const plain = operation.servers.find((server) => server.level !== 'root' && isPlainTextUrl(server.url));
      const key = `${operation.at.file}#${operation.at.pointer}`;
      if (plain === undefined || seen.has(key)) continue;
      seen.add(key);
      report(operation.at, `${operation.method.toUpperCase()} ${operation.path}: its ${plain.level} servers include \`${plain.url}\` although the document's servers all use TLS`);
    }
  },
};
