// What every scan report format says besides the findings themselves: the names people read (OWASP
// categories, statuses), how long the scan took, how complete it is and how many findings of each
// severity, worded once so the formats agree.
import { STATUS_CODES } from 'node:http';
import { OWASP_API, type OwaspApiCategory } from '../../audit/check.js';
import type { Exchange } from '../exchange.js';
import { SCAN_SEVERITIES, type ScanCategory, type ScanFinding, type ScanSeverity } from '../finding.js';
import type { ScanReport } from '../scan-report.js';

/** The OWASP order, then the two families the scanner adds; suites and sections follow it. */
export const CATEGORY_ORDER: readonly ScanCategory[] = [...(Object.keys(OWASP_API) as OwaspApiCategory[]), 'INJECTION', 'ROBUSTNESS'];

export function categoryName(category: ScanCategory): string {
  if (category === 'INJECTION') return 'Injection';
  if (category === 'ROBUSTNESS') return 'Robustness';
  return OWASP_API[category];
}

/** From the report's timestamps; undefined when one does not parse. */
export function durationMsOf(report: ScanReport): number | undefined {
  const duration = Date.parse(report.finishedAt) - Date.parse(report.startedAt);
  return Number.isFinite(duration) ? Math.max(0, duration) : undefined;
}

export function formatDuration(durationMs: number | undefined): string {
  if (durationMs === undefined) return 'unknown time';
  if (durationMs < 1000) return `${Math.round(durationMs)} ms`;
  if (durationMs < 60_000) return `${(durationMs / 1000).toFixed(1)} s`;
  const seconds = Math.round(durationMs / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

const STOP_REASONS: Readonly<Record<NonNullable<ScanReport['stopReason']>, string>> = {
  interrupted: 'the scan was interrupted',
  budget: 'the request budget ran out',
  error: 'an error stopped the scan',
};

/** `complete`, or why the report is partial: a reader must not take missing findings for safety. */
export function completenessOf(report: ScanReport): string {
  if (report.isComplete) return 'complete';
  const reason = report.stopReason === undefined ? 'the scan stopped early' : STOP_REASONS[report.stopReason];
  return `partial: ${reason}, not every check ran to the end`;
}

export function severityCounts(findings: readonly ScanFinding[]): Readonly<Record<ScanSeverity, number>> {
  const counts: Record<ScanSeverity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}

/** `1 critical, 2 high`, or `none`. */
export function countsText(findings: readonly ScanFinding[]): string {
  const counts = severityCounts(findings);
  const parts = SCAN_SEVERITIES.filter((severity) => counts[severity] > 0).map((severity) => `${counts[severity]} ${severity}`);
  return parts.length === 0 ? 'none' : parts.join(', ');
}

/** `200 OK`, or `no response (timeout)`. */
export function outcomeOf(exchange: Exchange): string {
  if (exchange.response === undefined) return `no response (${exchange.error ?? 'unknown error'})`;
  const { status } = exchange.response;
  const phrase = STATUS_CODES[status];
  return phrase === undefined ? String(status) : `${status} ${phrase}`;
}

/** `GET https://host/path`: the request in one line, for formats that show no full curl command. */
export function requestLineOf(exchange: Exchange): string {
  return `${exchange.request.method} ${exchange.request.url}`;
}

/** The exchange a reader should replay: a check sends its proof last. */
export function lastEvidenceOf(finding: ScanFinding): Exchange | undefined {
  return finding.evidence[finding.evidence.length - 1];
}

/** `GET /orders/{id}`, or a name for the findings about the API as a whole. */
export function operationName(finding: ScanFinding): string {
  return finding.operation === '' ? '(the whole API)' : finding.operation;
}
