// Injection: path traversal (CWE-22, OWASP WSTG-ATHZ-01). A value that names a file, joined to a
// directory without confinement, reads any file the server can: proven by the content of a file
// every system has (/etc/passwd, win.ini) in the answer, which the valid request did not show.
import type { ScanCheck, ScanContext } from '../../check.js';
import type { BuiltRequest, InjectionPoint } from '../../requests/index.js';
import { anyTarget, describePoint, inject, isInjectable, pointsOf, sendVariant, type InjectionTarget } from './injection-targets.js';

interface TraversalProbe {
  readonly text: string;
  /** False: sent as is, for servers that decode twice or only match literal `../`. */
  readonly shouldEncode: boolean;
  readonly isQueryOnly?: boolean;
  readonly signature: RegExp;
}

/** Deep enough for any served directory: extra `../` at the root stay at the root. */
const UP = 8;
const PASSWD = /root:[^:\n]{0,20}:0:0:/;
const WIN_INI = /\[fonts\]|; for 16-bit app support/i;

const PROBES: readonly TraversalProbe[] = [
  // `..%2F`: one path segment for the router, decoded to `../` for the file system afterwards.
  { text: `${'../'.repeat(UP)}etc/passwd`, shouldEncode: true, signature: PASSWD },
  // Raw `../` in a path would be resolved by URL parsing before it is sent: only in a query.
  { text: `${'../'.repeat(UP)}etc/passwd`, shouldEncode: false, isQueryOnly: true, signature: PASSWD },
  { text: `${'..%252f'.repeat(UP)}etc%252fpasswd`, shouldEncode: false, signature: PASSWD },
  // What is left after a filter strips `../` once, without repeating.
  { text: `${'....//'.repeat(UP)}etc/passwd`, shouldEncode: true, signature: PASSWD },
  // Absolute: path.join keeps it under the base, path.resolve and most file APIs do not.
  { text: '/etc/passwd', shouldEncode: true, signature: PASSWD },
  { text: `${'..\\'.repeat(UP)}windows\\win.ini`, shouldEncode: true, signature: WIN_INI },
];

/** Name words that usually carry a file or path (`fileName`, `template_path`, `download`). */
const FILE_WORDS = new Set(['file', 'filename', 'path', 'filepath', 'dir', 'directory', 'folder', 'doc', 'document', 'download', 'attachment', 'template', 'include', 'page', 'image', 'img', 'asset', 'log', 'report', 'avatar', 'upload']);
const WORD_BREAK = /[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])/;
const FILE_NAME_VALUE = /^[\w ./-]{0,80}\.[A-Za-z0-9]{1,5}$/;

/** A text value under a file-like name, a bare `name` (`/files/{name}`), or a value like `report.pdf`. */
export function isFileLike(point: InjectionPoint): boolean {
  if (typeof point.value !== 'string') return false;
  const last = point.name.split('/').pop() ?? '';
  const words = last.split(WORD_BREAK).map((word) => word.toLowerCase());
  return last.toLowerCase() === 'name' || words.some((word) => FILE_WORDS.has(word)) || FILE_NAME_VALUE.test(point.value);
}

const filePoints = (built: BuiltRequest): InjectionPoint[] => pointsOf(built, isFileLike);

async function probePoint(context: ScanContext, target: InjectionTarget, point: InjectionPoint): Promise<boolean> {
  for (const probe of PROBES) {
    if (probe.isQueryOnly === true && point.location !== 'query') continue;
    if (probe.signature.test(target.baseline.response?.body ?? '')) continue;
    const attack = await sendVariant(context, target, inject(target.built, point, probe.text, probe.shouldEncode));
    if (!probe.signature.test(attack.response?.body ?? '')) continue;
    context.report({
      operation: target.operation,
      message: `Path traversal in ${describePoint(point)}: "${probe.text}" (sent ${probe.shouldEncode ? 'percent-encoded' : 'as is'}) got an answer (status ${String(attack.response?.status)}) with the content of ${probe.signature === PASSWD ? '/etc/passwd' : 'win.ini'}.`,
      evidence: [target.baseline, attack],
      confidence: 'confirmed',
    });
    return true;
  }
  return false;
}

export const pathTraversal: ScanCheck = {
  id: 'injection.path-traversal',
  category: 'INJECTION',
  title: 'Path traversal',
  severity: 'high',
  remediation: 'Never build file paths from request values: map an id to a file server-side, or accept a bare name (no separators, no `..`, after decoding) and check that the resolved path is still inside the served directory.',
  async run(context) {
    for (const operation of context.api.operations.filter(isInjectable(context))) {
      const target = await anyTarget(context, operation, (built) => filePoints(built).length > 0);
      if (target === undefined) continue;
      for (const point of filePoints(target.built)) if (await probePoint(context, target, point)) break;
    }
  },
};
