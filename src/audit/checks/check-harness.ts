// For the checks' tests: run one check on a document written inline (YAML or JSON) and get its
// findings as pointers and messages, so each test reads as "this document, these findings".
import type { AuditCheck } from '../check.js';
import { AuditDocument } from '../document.js';
import { buildAuditApi } from '../model.js';
import { parseSourceText } from '../source-file.js';

export interface HarnessFinding {
  /** `file#pointer` for files other than the root; the pointer alone for the root. */
  readonly pointer: string;
  readonly message: string;
}

/** Path of the inline root document; other files are named by the keys of `files` (relative to it). */
export const ROOT_FILE = '/audit-test/openapi.yaml';

/** The findings of `check` on `text` (and on the other `files`, by path relative to the root's folder). */
export function runCheck(check: AuditCheck, text: string, files: Record<string, string> = {}): HarnessFinding[] {
  const sources = [parseSourceText(ROOT_FILE, text), ...Object.entries(files).map(([name, body]) => parseSourceText(`/audit-test/${name}`, body))];
  const api = buildAuditApi(AuditDocument.fromFiles(sources));
  const findings: HarnessFinding[] = [];
  check.run(api, (at, message) => {
    findings.push({ pointer: at.file === ROOT_FILE ? at.pointer : `${at.file.slice('/audit-test/'.length)}#${at.pointer}`, message });
  });
  return findings;
}

/** Just the pointers, for the common assertion. */
export function findingPointers(check: AuditCheck, text: string, files: Record<string, string> = {}): string[] {
  return runCheck(check, text, files).map((finding) => finding.pointer);
}
