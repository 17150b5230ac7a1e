// An API with no visible version (OWASP API9:2023): without a version in its URLs, a version header or
// query parameter, or a versioned media type, old and new behaviour cannot run side by side, clients
// cannot say which contract they use, and retiring an old version is impossible to plan.
import type { AuditCheck } from '../../check.js';
import { isObject, type AuditApi } from '../../model.js';
import { serverEntries, urlParts, urlWithDefaults } from './support/servers.js';
import { isVersionSegment } from './support/versions.js';

export const noVersioningCheck: AuditCheck = {
  id: 'inventory.no-versioning',
  group: 'inventory',
  title: 'No visible API versioning',
  owasp: 'API9',
  asvs: [],
  severity: 'low',
  part: 'security',
  explanation: 'When no request carries a version (path segment, host, header, query parameter or media type), versions cannot be told apart, run side by side or be retired on a schedule, which is how unpatched old API versions stay exposed.',
  remediation: 'Version the API visibly: a /v1 path or server prefix, an api-version header or query parameter, or a versioned media type (application/vnd.example.v1+json), and keep info.version in step.',
  run(api, report) {
    if (hasVisibleVersion(api)) return;
    const info = api.document.child(api.root, 'info');
    const written = isObject(info?.value) ? info.value.version : undefined;
    const version = typeof written === 'string' ? ` (info.version is \`${written}\`)` : '';
    report(info?.at ?? api.root.at, `no request carries an API version: no version in server URLs or paths, no version header or query parameter, no versioned media type${version}`);
  },
};

function hasVisibleVersion(api: AuditApi): boolean {
  for (const server of serverEntries(api)) {
    if (server.url === undefined) continue;
    const parts = urlParts(urlWithDefaults(server.url, server.object));
    if (parts.path.split('/').some(isVersionSegment)) return true;
    if ((parts.host ?? '').split('.').some((label) => label.split('-').some(isVersionSegment))) return true;
  }
  for (const operation of api.operations) {
    if (operation.path.split('/').some(isVersionSegment)) return true;
    if (operation.parameters.some((parameter) => (parameter.in === 'header' || parameter.in === 'query') && isVersionName(parameter.name))) return true;
    const media = [...(operation.requestBody?.content ?? []), ...operation.responses.flatMap((response) => response.content)];
    if (media.some((entry) => isVersionedMediaType(entry.mediaType))) return true;
  }
  return false;
}

/** `version`, `api-version`, `X-API-Version`, `Accept-Version`... */
function isVersionName(name: string): boolean {
  return name.toLowerCase().replace(/[^a-z]/g, '').endsWith('version');
}

/** `application/json; version=2`, `application/vnd.example.v2+json`. */
function isVersionedMediaType(mediaType: string): boolean {
  const lower = mediaType.toLowerCase();
  if (lower.includes('version=') || lower.includes('v=')) return true;
  const subtype = lower.split(';')[0]?.split('/')[1] ?? '';
  return subtype.split('+')[0]?.split('.').some(isVersionSegment) ?? false;
}
