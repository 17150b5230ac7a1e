// The audit report as JSON: the whole AuditReport, with paths relative to the working directory, for
// scripts and dashboards. Stable field names: they are documented in docs/audit.md.
import type { AuditReport } from '../audit.js';
import { displayPath } from '../audit.js';

export function renderJson(report: AuditReport, base?: string): string {
  const relativeFile = <T extends { file: string }>(item: T): T => ({ ...item, file: displayPath(item.file, base) });
  const shown = {
    tool: { name: 'bulwark audit', version: '0.1.0' },
    ...report,
    document: relativeFile(report.document),
    findings: report.findings.map(relativeFile),
    ignored: report.ignored.map(relativeFile),
    durationMs: Math.round(report.durationMs),
  };
  return `${JSON.stringify(shown, null, 2)}\n`;
}
