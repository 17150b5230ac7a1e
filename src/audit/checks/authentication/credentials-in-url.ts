// Parameters that carry credentials in the URL (OWASP API2:2023, ASVS V13.1.3): tokens, passwords,
// secrets, keys and session ids in the query or the path end up in access logs, proxies, browser
// history and Referer headers. Every parameter is read, wherever it is written (paths, callbacks,
// webhooks, reusable parameters), as Spectral's `$..parameters` does.
import type { Located } from '../../document.js';
import { isObject, type AuditApi, type JsonObject } from '../../model.js';
import type { AuditCheck } from '../../check.js';
import { keyOf, pathItemCatalog, resolveObject } from './support/path-items.js';

/** Name fragments, lowercased, that mark a credential (`access_token`, `clientSecret`, `x-api-key`...). */
const CREDENTIAL_FRAGMENTS = ['token', 'password', 'passwd', 'secret', 'apikey', 'api-key', 'api_key', 'credential', 'authorization', 'sessionid', 'session_id', 'session-id'];
/** Whole names, lowercased, too short to look for inside others. */
const CREDENTIAL_NAMES = new Set(['auth', 'pwd', 'sid']);

export function isCredentialName(name: string): boolean {
  const lower = name.toLowerCase();
  return CREDENTIAL_NAMES.has(lower) || CREDENTIAL_FRAGMENTS.some((fragment) => lower.includes(fragment));
}

export const credentialsInUrlCheck: AuditCheck = {
  id: 'authentication.credentials-in-url',
  group: 'authentication',
  title: 'Credentials in URL parameters',
  owasp: 'API2',
  asvs: ['V13.1.3'],
  severity: 'high',
  part: 'security',
  explanation: 'A token, password, secret, key or session id passed in the query string or the path is recorded wherever URLs are: server and proxy logs, browser history, Referer headers and monitoring tools.',
  remediation: 'Move credentials to a header (`Authorization`, or a security scheme with `in: header`) or to the request body of a POST; if the parameter is not a credential (a pagination cursor, say), rename it (`cursor`, `page`).',
  covers: ['owasp:api2:2023-no-credentials-in-url'],
  run(api, report) {
    const seen = new Set<string>();
    for (const list of parameterLists(api)) {
      const items = Array.isArray(list.value) ? list.value.map((_, index) => index) : Object.keys(list.value as JsonObject);
      for (const item of items) {
        const raw: unknown = (list.value as Record<string, unknown>)[item];
        // Most parameters are inline and carry no credential: skip them before computing any location.
        if (isObject(raw) && raw.$ref === undefined && (typeof raw.name !== 'string' || !isCredentialName(raw.name))) continue;
        const parameter = resolveObject(api, api.document.child(list, item));
        if (parameter === undefined || seen.has(keyOf(parameter.at))) continue;
        seen.add(keyOf(parameter.at));
        const { name, in: location } = parameter.value;
        if (typeof name !== 'string' || typeof location !== 'string') continue;
        const where = location.toLowerCase();
        if (!where.includes('query') && !where.includes('path')) continue;
        if (isCredentialName(name)) report(parameter.at, `the ${location} parameter \`${name}\` carries a credential in the URL`);
      }
    }
  },
};

/** Every `parameters` list or map of the document: path items, operations, reusable parameters. */
function parameterLists(api: AuditApi): Located[] {
  const lists: Located[] = [];
  const add = (located: Located | undefined): void => {
    if (located === undefined) return;
    const target = api.document.deref(located);
    if (target !== undefined && target.value !== null && typeof target.value === 'object') lists.push(target);
  };
  const catalog = pathItemCatalog(api);
  for (const { item } of catalog.pathItems) add(api.document.child(item, 'parameters'));
  for (const { operation } of catalog.operations) add(api.document.child(operation, 'parameters'));
  add(api.dialect === 'swagger-2.0' ? api.document.child(api.root, 'parameters') : api.document.child(api.root, 'components', 'parameters'));
  return lists;
}
