// `bulwark audit`'s engine: load the document, build the model, run every enabled check, drop the
// findings accepted as risks (`x-bulwark-ignore` in the document, `ignore` in the configuration; both
// need a reason, and both stay visible in the report), locate the rest in their files and score.
import { relative } from 'node:path';
import { BulwarkError } from '../core/errors.js';
import { AUDIT_SEVERITIES, OWASP_API, type AuditCheck, type AuditSeverity, type CheckGroup, type OwaspApiCategory, type ScorePart } from './check.js';
import { AUDIT_CHECKS } from './checks/registry.js';
import { checkSettings, matchesCheck, type AuditConfig } from './config.js';
import { AuditDocument, type NodeRef } from './document.js';
import { buildAuditApi, isObject, NotAnApiDocumentError, type AuditApi, type Dialect } from './model.js';
import { pointerOf } from './pointer.js';
import { scoreOf, type AuditScore } from './score.js';
import { SourceFileError, type Position } from './source-file.js';

export interface AuditFinding {
  readonly checkId: string;
  readonly title: string;
  readonly group: CheckGroup;
  readonly owasp: OwaspApiCategory;
  readonly owaspName: string;
  readonly asvs: readonly string[];
  /** After the configuration's overrides. */
  readonly severity: AuditSeverity;
  readonly part: ScorePart;
  readonly message: string;
  readonly explanation: string;
  readonly remediation: string;
  /** Absolute path of the file the node is in. */
  readonly file: string;
  readonly pointer: string;
  readonly line: number;
  readonly column: number;
}

export interface IgnoredFinding extends AuditFinding {
  readonly reason: string;
  /** Where the acceptance is written: `document` (`x-bulwark-ignore`) or `config`. */
  readonly ignoredBy: 'document' | 'config';
}

export interface CheckSummary {
  readonly id: string;
  readonly title: string;
  readonly group: CheckGroup;
  readonly owasp: OwaspApiCategory;
  readonly asvs: readonly string[];
  readonly severity: AuditSeverity;
  readonly part: ScorePart;
  readonly explanation: string;
  readonly remediation: string;
  readonly enabled: boolean;
  readonly findings: number;
}

export interface AuditReport {
  readonly document: {
    readonly file: string;
    readonly dialect: Dialect;
    readonly title?: string;
    readonly version?: string;
    readonly files: number;
    readonly operations: number;
    readonly schemas: number;
  };
  /** Sorted by severity, then file, line and column. */
  readonly findings: readonly AuditFinding[];
  readonly ignored: readonly IgnoredFinding[];
  readonly checks: readonly CheckSummary[];
  readonly score: AuditScore;
  /** Things the audit could not do as asked (a malformed `x-bulwark-ignore`, a check that failed): never silent. */
  readonly problems: readonly string[];
  readonly durationMs: number;
}

export interface AuditOptions {
  readonly config?: AuditConfig;
  /** The checks to run (the registry's by default). */
  readonly checks?: readonly AuditCheck[];
}

/** Audits the document at `path`; throws BulwarkError AUDIT_DOCUMENT_INVALID when it cannot be read as one. */
export async function auditFile(path: string, options: AuditOptions = {}): Promise<AuditReport> {
  const started = performance.now();
  let document: AuditDocument;
  try {
    document = await AuditDocument.load(path);
  } catch (error) {
    if (error instanceof SourceFileError) {
      const where = error.position === undefined ? error.file : `${error.file}:${error.position.line}:${error.position.column}`;
      throw new BulwarkError('AUDIT_DOCUMENT_INVALID', `${where}: ${error.message}`, { cause: error });
    }
    throw error;
  }
  return auditDocument(document, options, started);
}

export function auditDocument(document: AuditDocument, options: AuditOptions = {}, started = performance.now()): AuditReport {
  let api: AuditApi;
  try {
    api = buildAuditApi(document);
  } catch (error) {
    if (error instanceof NotAnApiDocumentError) throw new BulwarkError('AUDIT_DOCUMENT_INVALID', `${document.root.path}: ${error.message}`, { cause: error });
    throw error;
  }
  const config = options.config ?? {};
  const checks = options.checks ?? AUDIT_CHECKS;
  const problems: string[] = [];
  const raw: RawFinding[] = [];
  const settings = new Map(checks.map((check) => [check, checkSettings(check, config)]));
  for (const check of checks) {
    if (settings.get(check)?.enabled !== true) continue;
    // A check may meet one node through several routes: one finding per node and message.
    const seen = new Map<string, Map<string, string | Set<string>>>();
    try {
      check.run(api, (at, message) => {
        let inFile = seen.get(at.file);
        if (inFile === undefined) seen.set(at.file, (inFile = new Map<string, string | Set<string>>()));
        const known = inFile.get(at.pointer);
        if (known === undefined) inFile.set(at.pointer, message);
        else if (typeof known === 'string') {
          if (known === message) return;
          inFile.set(at.pointer, new Set([known, message]));
        } else {
          if (known.has(message)) return;
          known.add(message);
        }
        raw.push({ check, at, message });
      });
    } catch (error) {
      problems.push(`check ${check.id} failed and reported nothing more: ${(error as Error).message}`);
    }
  }

  const ignores = [...documentIgnores(document, checks, problems), ...configIgnores(config, document)];
  const positions = locateAll(document, raw.map((finding) => finding.at));
  const findings: AuditFinding[] = [];
  const ignored: IgnoredFinding[] = [];
  const counts = new Map<AuditCheck, number>();
  for (const { check, at, message } of raw) {
    const severity = settings.get(check)?.severity ?? check.severity;
    const position = positions.get(at.file)?.get(at.pointer) ?? { line: 1, column: 1 };
    const finding: AuditFinding = {
      checkId: check.id, title: check.title, group: check.group, owasp: check.owasp, owaspName: OWASP_API[check.owasp], asvs: check.asvs,
      severity, part: check.part, message, explanation: check.explanation, remediation: check.remediation,
      file: at.file, pointer: at.pointer, line: position.line, column: position.column,
    };
    const ignore = ignores.find((entry) => entry.applies(check, at));
    if (ignore !== undefined) {
      ignored.push({ ...finding, reason: ignore.reason, ignoredBy: ignore.by });
      continue;
    }
    findings.push(finding);
    counts.set(check, (counts.get(check) ?? 0) + 1);
  }
  findings.sort(byImportance);
  ignored.sort(byImportance);

  const summaries: CheckSummary[] = checks.map((check) => {
    const own = settings.get(check) ?? { enabled: true, severity: check.severity };
    return {
      id: check.id, title: check.title, group: check.group, owasp: check.owasp, asvs: check.asvs, severity: own.severity, part: check.part,
      explanation: check.explanation, remediation: check.remediation, enabled: own.enabled, findings: counts.get(check) ?? 0,
    };
  });
  const score = scoreOf(summaries.filter((summary) => summary.enabled).map((summary) => ({ part: summary.part, severity: summary.severity, findings: summary.findings })));
  const info = api.root.value.info;
  const title = isObject(info) && typeof info.title === 'string' ? info.title : undefined;
  const version = isObject(info) && typeof info.version === 'string' ? info.version : undefined;
  return {
    document: {
      file: document.root.path, dialect: api.dialect, ...(title === undefined ? {} : { title }), ...(version === undefined ? {} : { version }),
      files: document.files.size, operations: api.operations.length, schemas: api.schemas.length,
    },
    findings, ignored, checks: summaries, score, problems, durationMs: performance.now() - started,
  };
}

/** Whether the report fails a CI gate: a finding at least `failOn` severe, or a score below `minScore`. */
export function failsGate(report: AuditReport, failOn: AuditSeverity | 'none' | undefined, minScore: number | undefined): string[] {
  const reasons: string[] = [];
  if (failOn !== undefined && failOn !== 'none') {
    const failing = report.findings.filter((finding) => SEVERITY_RANK[finding.severity] <= SEVERITY_RANK[failOn]).length;
    if (failing > 0) reasons.push(`${failing} finding(s) of severity ${failOn} or higher`);
  }
  if (minScore !== undefined && report.score.total < minScore) reasons.push(`score ${report.score.total} is below the minimum ${minScore}`);
  return reasons;
}

/** A file's path as reports show it: relative to `base` when inside it. */
export function displayPath(file: string, base = process.cwd()): string {
  const path = relative(base, file);
  return path === '' || path.startsWith('..') ? file : path;
}

interface RawFinding {
  readonly check: AuditCheck;
  readonly at: NodeRef;
  readonly message: string;
}

interface Ignore {
  readonly reason: string;
  readonly by: 'document' | 'config';
  applies(check: AuditCheck, at: NodeRef): boolean;
}

function byImportance(left: AuditFinding, right: AuditFinding): number {
  return SEVERITY_RANK[left.severity] - SEVERITY_RANK[right.severity]
    || compareText(left.file, right.file) || left.line - right.line || left.column - right.column || compareText(left.checkId, right.checkId);
}

/** Each severity's index in AUDIT_SEVERITIES (most severe first), looked up once rather than per comparison. */
const SEVERITY_RANK = Object.fromEntries(AUDIT_SEVERITIES.map((severity, index) => [severity, index])) as Readonly<Record<AuditSeverity, number>>;

/** Code-unit order: stable across machines (no locale), and a large report sorts in a fraction of localeCompare's time. */
function compareText(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

function within(at: NodeRef, file: string, pointer: string): boolean {
  return at.file === file && (pointer === '' || at.pointer === pointer || at.pointer.startsWith(`${pointer}/`));
}

/**
 * `x-bulwark-ignore` on any object: a list of `{ check, reason }` or a map of check to reason. It
 * covers findings at that object and below it, in the same file. An entry without a reason, or naming
 * no check, is not applied and is reported as a problem: an accepted risk must say why.
 */
function documentIgnores(document: AuditDocument, checks: readonly AuditCheck[], problems: string[]): Ignore[] {
  const ignores: Ignore[] = [];
  for (const file of document.files.values()) {
    // Most documents have none: one text search saves building a pointer for every node.
    if (!file.text.includes('x-bulwark-ignore')) continue;
    const stack: { node: unknown; pointer: string }[] = [{ node: file.value, pointer: '' }];
    for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
      const { node, pointer } = next;
      if (node === null || typeof node !== 'object') continue;
      if (Array.isArray(node)) {
        node.forEach((item, index) => stack.push({ node: item, pointer: pointerOf(pointer, index) }));
        continue;
      }
      for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
        if (key === 'x-bulwark-ignore') ignores.push(...parseIgnore(value, file.path, pointer, checks, problems));
        else stack.push({ node: value, pointer: pointerOf(pointer, key) });
      }
    }
  }
  return ignores;
}

function parseIgnore(value: unknown, file: string, pointer: string, checks: readonly AuditCheck[], problems: string[]): Ignore[] {
  const where = `x-bulwark-ignore at ${file}#${pointer}`;
  const entries: { check: unknown; reason: unknown }[] = Array.isArray(value)
    ? value.map((entry) => (isObject(entry) ? { check: entry.check, reason: entry.reason } : { check: undefined, reason: undefined }))
    : isObject(value) ? Object.entries(value).map(([check, reason]) => ({ check, reason })) : [];
  if (entries.length === 0) problems.push(`${where}: expected a list of { check, reason } or a map of check id to reason; not applied`);
  const ignores: Ignore[] = [];
  entries.forEach(({ check, reason }, index) => {
    if (typeof check !== 'string' || !checks.some((known) => matchesCheck(check, known))) {
      problems.push(`${where}, entry ${index + 1}: \`${String(check)}\` names no check; not applied`);
      return;
    }
    if (typeof reason !== 'string' || reason.trim().length < 3) {
      problems.push(`${where}, entry ${index + 1} (${check}): an accepted risk needs a reason; not applied`);
      return;
    }
    ignores.push({ reason: reason.trim(), by: 'document', applies: (candidate, at) => matchesCheck(check, candidate) && within(at, file, pointer) });
  });
  return ignores;
}

/** The configuration's `ignore` entries; a pointer there is in the root file (`file#pointer` for others). */
function configIgnores(config: AuditConfig, document: AuditDocument): Ignore[] {
  return (config.ignore ?? []).map((entry) => {
    const hash = entry.pointer?.indexOf('#') ?? -1;
    const file = entry.pointer !== undefined && hash > 0 ? [...document.files.keys()].find((path) => path.endsWith(entry.pointer!.slice(0, hash))) : document.root.path;
    const pointer = entry.pointer === undefined ? undefined : hash >= 0 ? entry.pointer.slice(hash + 1) : entry.pointer;
    return {
      reason: entry.reason,
      by: 'config' as const,
      applies: (check: AuditCheck, at: NodeRef) => matchesCheck(entry.check, check) && (pointer === undefined || (file !== undefined && within(at, file, pointer))),
    };
  });
}

/** Positions of every node by file and pointer, one locate() per file. */
function locateAll(document: AuditDocument, nodes: readonly NodeRef[]): Map<string, Map<string, Position>> {
  const byFile = new Map<string, Set<string>>();
  for (const at of nodes) {
    let pointers = byFile.get(at.file);
    if (pointers === undefined) byFile.set(at.file, (pointers = new Set()));
    pointers.add(at.pointer);
  }
  const positions = new Map<string, Map<string, Position>>();
  for (const [file, pointers] of byFile) {
    const source = document.files.get(file);
    if (source !== undefined) positions.set(file, source.locate(pointers));
  }
  return positions;
}
