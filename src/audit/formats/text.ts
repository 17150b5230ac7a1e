// The audit report for a person at a terminal: findings grouped by check group, most severe first,
// each with `file:line:column` (which editors and terminals turn into links), the JSON pointer, what
// is wrong, and once per check why it matters and how to fix it. Colour only on a terminal that
// wants it (NO_COLOR is honoured); document text is printed with control characters escaped.
import { escapeUnsafe } from '../../cli/terminal-text.js';
import { AUDIT_SEVERITIES, type AuditSeverity, type CheckGroup } from '../check.js';
import { displayPath, type AuditFinding, type AuditReport } from '../audit.js';

export interface TextOptions {
  readonly color: boolean;
  /** Paths are shown relative to this directory (default: the working directory). */
  readonly base?: string;
}

const GROUP_TITLES: Readonly<Record<CheckGroup, string>> = {
  authentication: 'Authentication', authorization: 'Authorization', validation: 'Data validation', transport: 'Transport',
  'errors-limits': 'Errors and limits', 'sensitive-data': 'Sensitive data', cors: 'CORS', inventory: 'Inventory', hygiene: 'Document hygiene',
};
const SEVERITY_COLOR: Readonly<Record<AuditSeverity, string>> = { critical: '1;31', high: '31', medium: '33', low: '36', info: '2' };

export function renderText(report: AuditReport, options: TextOptions): string {
  const paint = (code: string, text: string): string => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const safe = (text: string): string => escapeUnsafe(text);
  const lines: string[] = [];
  const { document } = report;
  lines.push(paint('1', `Audit of ${safe(displayPath(document.file, options.base))}`)
    + ` (${document.dialect}${document.title === undefined ? '' : `, "${safe(document.title)}"`}${document.version === undefined ? '' : ` ${safe(document.version)}`}):`
    + ` ${document.operations} operations, ${document.schemas} schemas, ${document.files} file${document.files === 1 ? '' : 's'}`);
  const groups = new Map<CheckGroup, AuditFinding[]>();
  for (const finding of report.findings) {
    const list = groups.get(finding.group) ?? [];
    list.push(finding);
    groups.set(finding.group, list);
  }
  for (const group of Object.keys(GROUP_TITLES) as CheckGroup[]) {
    const findings = groups.get(group);
    if (findings === undefined) continue;
    lines.push('', paint('1;4', `${GROUP_TITLES[group]} (${findings.length})`));
    const explained = new Set<string>();
    for (const finding of findings) {
      const severity = paint(SEVERITY_COLOR[finding.severity], finding.severity.toUpperCase().padEnd(8));
      lines.push(`  ${severity} ${paint('1', finding.checkId)}  ${safe(displayPath(finding.file, options.base))}:${finding.line}:${finding.column}  ${paint('2', safe(finding.pointer || '/'))}`);
      lines.push(`           ${safe(finding.message)}`);
      if (!explained.has(finding.checkId)) {
        explained.add(finding.checkId);
        lines.push(paint('2', `           ${finding.owaspName}${finding.asvs.length > 0 ? `; ASVS ${finding.asvs.join(', ')}` : ''}`));
        lines.push(paint('2', `           Why: ${finding.explanation}`));
        lines.push(paint('2', `           Fix: ${finding.remediation}`));
      }
    }
  }
  if (report.ignored.length > 0) {
    lines.push('', paint('1;4', `Accepted risks (${report.ignored.length})`));
    for (const finding of report.ignored) {
      lines.push(`  ${finding.checkId}  ${safe(displayPath(finding.file, options.base))}:${finding.line}:${finding.column}  (${finding.ignoredBy}) ${safe(finding.reason)}`);
    }
  }
  if (report.problems.length > 0) {
    lines.push('', paint('1;33', 'Problems'));
    for (const problem of report.problems) lines.push(`  ${safe(problem)}`);
  }
  const counts = countBySeverity(report.findings);
  const enabled = report.checks.filter((check) => check.enabled).length;
  lines.push('', `${report.findings.length} finding${report.findings.length === 1 ? '' : 's'} (${counts}) from ${enabled} checks in ${Math.round(report.durationMs)} ms`);
  lines.push(paint('1', `Score ${report.score.total}/100`) + ` (security ${report.score.security}, data validation ${report.score.validation})`);
  return `${lines.join('\n')}\n`;
}

function countBySeverity(findings: readonly AuditFinding[]): string {
  const counts = new Map<AuditSeverity, number>();
  for (const finding of findings) counts.set(finding.severity, (counts.get(finding.severity) ?? 0) + 1);
  const parts = AUDIT_SEVERITIES.filter((severity) => counts.has(severity)).map((severity) => `${counts.get(severity) ?? 0} ${severity}`);
  return parts.length === 0 ? 'none' : parts.join(', ');
}
