// The scan report for a person at a terminal: what was scanned and how completely, then the findings
// grouped by severity (most severe first), each with the curl line that replays its proof. Text from
// the target and the evidence is printed with control characters escaped, never interpreted.
import { escapeUnsafe } from '../../cli/terminal-text.js';
import { SCAN_SEVERITIES, type ScanFinding, type ScanSeverity } from '../finding.js';
import type { ScanReport } from '../scan-report.js';
import { curlOf } from './curl.js';
import {
  categoryName, completenessOf, countsText, durationMsOf, formatDuration, lastEvidenceOf, operationName, outcomeOf,
} from './report-summary.js';

export interface ScanTextOptions {
  /** ANSI colours; the CLI decides (a terminal, NO_COLOR unset). */
  readonly color?: boolean;
}

type Paint = (code: string, text: string) => string;

const SEVERITY_COLOR: Readonly<Record<ScanSeverity, string>> = { critical: '1;31', high: '31', medium: '33', low: '36', info: '2' };

export function renderScanText(report: ScanReport, options: ScanTextOptions = {}): string {
  const paint: Paint = (code, text) => (options.color === true ? `\u001b[${code}m${text}\u001b[0m` : text);
  const lines = [
    ...summaryLines(report, paint),
    ...SCAN_SEVERITIES.flatMap((severity) => severityLines(severity, report.findings.filter((finding) => finding.severity === severity), paint)),
    ...incompleteCheckLines(report, paint),
    ...problemLines(report, paint),
  ];
  return `${lines.join('\n')}\n`;
}

function summaryLines(report: ScanReport, paint: Paint): string[] {
  const identities = report.identities.length === 0 ? 'no identities' : `as ${report.identities.map((name) => escapeUnsafe(name)).join(', ')}`;
  const completeness = completenessOf(report);
  const capitalized = completeness.charAt(0).toUpperCase() + completeness.slice(1);
  return [
    paint('1', `Scan of ${escapeUnsafe(report.target)}`) + ` ("${escapeUnsafe(report.apiTitle)}", ${escapeUnsafe(report.spec)})`,
    `  ${report.operations} operation${report.operations === 1 ? '' : 's'}, ${identities}`,
    `  ${formatDuration(durationMsOf(report))}, ${report.requestsSent} request${report.requestsSent === 1 ? '' : 's'} sent`,
    `  ${report.isComplete ? paint('32', 'Complete') : paint('1;33', capitalized)}`,
    `  Findings: ${countsText(report.findings)}`,
  ];
}

function severityLines(severity: ScanSeverity, findings: readonly ScanFinding[], paint: Paint): string[] {
  if (findings.length === 0) return [];
  const lines = ['', paint(SEVERITY_COLOR[severity], `${severity.toUpperCase()} (${findings.length})`)];
  for (const finding of findings) {
    const tentative = finding.confidence === 'tentative' ? paint('2', ' (tentative)') : '';
    lines.push(`  ${paint('1', escapeUnsafe(finding.checkId))}  ${escapeUnsafe(operationName(finding))}${tentative}`);
    lines.push(paint('2', `      ${categoryName(finding.category)}: ${escapeUnsafe(finding.title)}`));
    lines.push(`      ${escapeUnsafe(finding.message)}`);
    const exchange = lastEvidenceOf(finding);
    if (exchange !== undefined) {
      // curlOf writes control characters as $'...' escapes, so this is the exact command, safe to print.
      lines.push(`      $ ${escapeUnsafe(curlOf(exchange.request))}`);
      lines.push(`      -> ${escapeUnsafe(outcomeOf(exchange))}`);
    }
  }
  return lines;
}

function incompleteCheckLines(report: ScanReport, paint: Paint): string[] {
  const incomplete = report.checks.filter((check) => !check.isComplete);
  if (incomplete.length === 0) return [];
  return [
    '', paint('1;33', `Checks not complete (${incomplete.length})`),
    ...incomplete.map((check) => `  ${escapeUnsafe(check.id)}  ${escapeUnsafe(check.note ?? 'did not finish')}`),
  ];
}

function problemLines(report: ScanReport, paint: Paint): string[] {
  if (report.problems.length === 0) return [];
  return ['', paint('1;33', `Problems (${report.problems.length})`), ...report.problems.map((problem) => `  ${escapeUnsafe(problem)}`)];
}
