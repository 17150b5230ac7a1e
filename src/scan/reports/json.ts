// The scan report as JSON for scripts, dashboards and baselines. `format` names the schema version a
// consumer can test for; fields are written in a fixed order whatever order the engine built them in,
// so two runs with the same results give the same bytes and diffs stay small.
import { toSafeJson } from '../../cli/terminal-text.js';
import type { Exchange } from '../exchange.js';
import type { ScanFinding } from '../finding.js';
import type { ScanCheckInfo, ScanReport } from '../scan-report.js';

export const SCAN_JSON_FORMAT = 'bulwark-scan/v1';

export function renderScanJson(report: ScanReport): string {
  // toSafeJson: C1 and bidi characters from the evidence are written as \u escapes, the same values,
  // so `cat report.json` on a terminal cannot be hijacked.
  return toSafeJson({
    format: SCAN_JSON_FORMAT,
    tool: { name: 'bulwark scan', version: '0.1.0' },
    target: report.target,
    spec: report.spec,
    apiTitle: report.apiTitle,
    startedAt: report.startedAt,
    finishedAt: report.finishedAt,
    isComplete: report.isComplete,
    stopReason: report.stopReason,
    requestsSent: report.requestsSent,
    operations: report.operations,
    identities: report.identities,
    checks: report.checks.map(checkJson),
    findings: report.findings.map(findingJson),
    problems: report.problems,
  });
}

function checkJson(check: ScanCheckInfo): object {
  const { id, category, title, severity, remediation, isComplete, note } = check;
  return { id, category, title, severity, remediation, isComplete, note };
}

function findingJson(finding: ScanFinding): object {
  const { checkId, category, severity, confidence, title, operation, message, remediation } = finding;
  return { checkId, category, severity, confidence, title, operation, message, evidence: finding.evidence.map(exchangeJson), remediation };
}

/** Header maps keep their order: it is the order the request was sent in. */
function exchangeJson(exchange: Exchange): object {
  const { method, url, headers, body } = exchange.request;
  const response = exchange.response === undefined ? undefined : {
    status: exchange.response.status,
    headers: exchange.response.headers,
    body: exchange.response.body,
    isTruncated: exchange.response.isTruncated,
    durationMs: exchange.response.durationMs,
  };
  return { request: { method, url, headers, body }, response, error: exchange.error };
}
