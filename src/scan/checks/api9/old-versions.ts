// API9: an older version of the API still answering. Each documented GET is retried with a lower
// version segment (`/v3/...` → `/v2/...`, `/v1/...`), or, when the paths carry none and the
// document's info.version is 2.x or later, with `/v1` ... after the base path. Proof: the old path
// answers 2xx while an invented path under the same version prefix answers 404, so a catch-all
// route does not count; an old version that also answers without credentials is worse.
import { randomBytes } from 'node:crypto';
import type { ScanCheck, ScanContext } from '../../check.js';
import type { Exchange } from '../../exchange.js';
import { isSecured, isSuccess, successes, type Success } from '../probe.js';
import { sendAs } from '../probe-send.js';
import { documentedPaths } from './documented-paths.js';

const VERSION_SEGMENT = /^v(\d{1,3})$/i;
const MAJOR = /^v?(\d{1,3})(?:\.|$)/i;
/** How many versions back to try. */
const MAX_LOWER = 3;

export interface OlderPath {
  readonly path: string;
  /** The path up to the version segment, for the control request. */
  readonly prefix: string;
}

/** Lower versions of a request path (query kept), newest first. */
export function olderPaths(path: string, basePath: string, apiVersion: string): OlderPath[] {
  const queryAt = path.indexOf('?');
  const bare = queryAt === -1 ? path : path.slice(0, queryAt);
  const query = queryAt === -1 ? '' : path.slice(queryAt);
  const segments = bare.split('/');
  const index = segments.findIndex((segment) => VERSION_SEGMENT.test(segment));
  const current = index === -1 ? undefined : Number(VERSION_SEGMENT.exec(segments[index] ?? '')?.[1]);
  const older: OlderPath[] = [];
  if (current !== undefined) {
    for (let version = current - 1; version >= Math.max(0, current - MAX_LOWER); version--) {
      const changed = segments.map((segment, at) => (at === index ? `v${version}` : segment));
      older.push({ path: `${changed.join('/')}${query}`, prefix: changed.slice(0, index + 1).join('/') });
    }
    return older;
  }
  // No version in the paths: the document's own major version says which older ones could exist.
  const major = Number(MAJOR.exec(apiVersion.trim())?.[1] ?? '0');
  if (!bare.startsWith(basePath)) return older;
  for (let version = major - 1; version >= Math.max(1, major - MAX_LOWER); version--) {
    const prefix = `${basePath}/v${version}`;
    older.push({ path: `${prefix}${bare.slice(basePath.length)}${query}`, prefix });
  }
  return older;
}

type Read = Pick<Success, 'operation' | 'identity' | 'built'>;

/** One working request per documented GET: its successful baseline, else a built one. */
function readsOf(context: ScanContext): Read[] {
  const found = new Map<string, Success>();
  for (const success of successes(context, (operation) => operation.method === 'GET')) {
    found.set(success.operation.pathTemplate, found.get(success.operation.pathTemplate) ?? success);
  }
  const actor = context.identities.find((identity) => identity.role === 'user') ?? context.identities[0];
  return context.api.operations.filter((operation) => operation.method === 'GET').map((operation) => {
    const known = found.get(operation.pathTemplate);
    if (known !== undefined) return known;
    const identity = isSecured(operation) ? actor : undefined;
    return { operation, identity, built: context.requestFor(operation, identity) };
  });
}

async function tryOlder(context: ScanContext, read: Read, isDocumented: (path: string) => boolean, controlFor: (prefix: string) => Promise<Exchange>): Promise<void> {
  const { operation, identity, built } = read;
  for (const candidate of olderPaths(built.request.path, built.parts.basePath, context.api.version)) {
    if (isDocumented(candidate.path)) continue;
    const old = await sendAs(context, built.request, identity, { path: candidate.path });
    if (!isSuccess(old)) continue;
    const control = await controlFor(candidate.prefix);
    if (control.response?.status !== 404) continue;
    const anonymous = identity !== undefined && isSecured(operation) ? await sendAs(context, built.request, undefined, { path: candidate.path }) : undefined;
    const isOpen = anonymous !== undefined && isSuccess(anonymous);
    context.report({
      operation,
      message: `The undocumented ${candidate.path.split('?')[0] ?? ''} (an older version of ${operation.method} ${operation.pathTemplate}) answered ${String(old.response?.status)}${isOpen ? ', even without credentials,' : ''} while the invented ${new URL(control.request.url).pathname} answered 404.`,
      evidence: [old, ...(isOpen ? [anonymous] : []), control],
      confidence: 'confirmed',
      severity: isOpen ? 'high' : 'medium',
    });
    return;
  }
}

export const oldVersions: ScanCheck = {
  id: 'api9.old-versions',
  category: 'API9',
  title: 'An older API version is still live',
  severity: 'medium',
  remediation: 'Retire old API versions: remove their routes (or answer 410 Gone) once clients have moved, keep every live version in the inventory and the document, and apply the current authentication and authorization to any version that must stay.',
  async run(context) {
    const isDocumented = documentedPaths(context.api);
    const controls = new Map<string, Promise<Exchange>>();
    const controlFor = (prefix: string): Promise<Exchange> => {
      const known = controls.get(prefix);
      if (known !== undefined) return known;
      const sent = context.client.send({ method: 'GET', path: `${prefix}/bulwark-${randomBytes(6).toString('hex')}` });
      controls.set(prefix, sent);
      return sent;
    };
    for (const read of readsOf(context)) await tryOlder(context, read, isDocumented, controlFor);
  },
};
