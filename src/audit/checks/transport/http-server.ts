// Servers reached over plain HTTP or WebSocket (`http://`, `ws://`, Swagger 2.0 `schemes: [http]`):
// credentials, tokens and personal data cross the network readable and alterable by anyone on the path.
import type { AuditCheck } from '../../check.js';
import { hostOf, isEncryptedScheme, isLoopbackHost, isPlainTextUrl, schemeEntries, serverEntries } from './support/servers.js';

export const httpServerCheck: AuditCheck = {
  id: 'transport.http-server',
  group: 'transport',
  title: 'Server without TLS',
  owasp: 'API8',
  asvs: ['V9.1.1'],
  severity: 'high',
  part: 'security',
  explanation: 'Requests to a plain-HTTP or plain-WebSocket server travel unencrypted: anyone on the network path can read credentials and tokens, and change requests and responses.',
  remediation: 'Serve the API over HTTPS (and WSS) only, list only `https://` / `wss://` servers (Swagger 2.0: `schemes: [https]`), and redirect or refuse plain HTTP at the edge.',
  covers: ['owasp:api8:2023-no-server-http', 'owasp:api8:2023-no-scheme-http'],
  run(api, report) {
    for (const { server } of serverEntries(api)) {
      if (!isPlainTextUrl(server.url)) continue;
      const local = isLoopbackHost(hostOf(server.url)) ? ' (a loopback address: keep it out of the published document)' : '';
      report(server.at, `server \`${server.url}\` uses plain ${server.url.trimStart().toLowerCase().startsWith('ws:') ? 'WebSocket' : 'HTTP'}${local}`);
    }
    for (const entry of schemeEntries(api)) {
      if (isEncryptedScheme(entry.value)) continue;
      const scheme = JSON.stringify(entry.value) ?? String(entry.value);
      report(entry.at, entry.value === 'http' || entry.value === 'ws'
        ? `${entry.owner} allows the plain-text scheme \`${entry.value}\``
        : `${entry.owner} lists the scheme ${scheme}, which is not \`https\` or \`wss\``);
    }
  },
};
