// The scan report as JUnit XML, which every CI system shows as a test report: one test suite per
// category, one test case per check. A finding at medium or above is a failure with its evidence;
// below that it is only written out, so a report of hardening hints does not turn the build red. A
// check that did not finish without failing is skipped with its reason, and a last suite says
// whether the scan itself ran to the end, so a partial report is not mistaken for a clean one.
import { SCAN_SEVERITIES, type ScanFinding, type ScanSeverity } from '../finding.js';
import type { ScanCheckInfo, ScanReport } from '../scan-report.js';
import { curlOf } from './curl.js';
import { CATEGORY_ORDER, categoryName, completenessOf, durationMsOf, operationName, outcomeOf, requestLineOf } from './report-summary.js';
import { xmlAttribute, xmlText } from './xml-text.js';

const FAILING: ReadonlySet<ScanSeverity> = new Set(SCAN_SEVERITIES.slice(0, SCAN_SEVERITIES.indexOf('medium') + 1));

export function renderScanJunit(report: ScanReport): string {
  const byCheck = groupBy(report.findings, (finding) => finding.checkId);
  const isFailed = (check: ScanCheckInfo): boolean => (byCheck.get(check.id) ?? []).some((finding) => FAILING.has(finding.severity));
  const seconds = ((durationMsOf(report) ?? 0) / 1000).toFixed(3);
  const failed = report.checks.filter(isFailed).length;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlAttribute(`bulwark scan ${report.target}`)}" tests="${report.checks.length + 1}" failures="${failed}" errors="${report.isComplete ? 0 : 1}" time="${seconds}">`,
  ];
  const byCategory = groupBy(report.checks, (check) => check.category);
  for (const category of CATEGORY_ORDER) {
    const checks = byCategory.get(category);
    if (checks === undefined) continue;
    const skipped = checks.filter((check) => !check.isComplete && !isFailed(check)).length;
    lines.push(`  <testsuite name="${xmlAttribute(categoryName(category))}" tests="${checks.length}" failures="${checks.filter(isFailed).length}" errors="0" skipped="${skipped}">`);
    for (const check of checks) lines.push(...testcaseLines(check, byCheck.get(check.id) ?? []));
    lines.push('  </testsuite>');
  }
  lines.push(...scanSuiteLines(report), '</testsuites>');
  return `${lines.join('\n')}\n`;
}

function testcaseLines(check: ScanCheckInfo, findings: readonly ScanFinding[]): string[] {
  const open = `    <testcase classname="bulwark.scan.${xmlAttribute(check.category.toLowerCase())}" name="${xmlAttribute(`${check.id}: ${check.title}`)}"`;
  const failures = findings.filter((finding) => FAILING.has(finding.severity));
  const output = findings.filter((finding) => !FAILING.has(finding.severity)).map((finding) => findingText(finding));
  // A check that failed and did not finish is not skipped: the note goes with its output.
  if (!check.isComplete && failures.length > 0) output.push(`Not complete: ${check.note ?? 'no reason given'}`);
  if (failures.length === 0 && output.length === 0 && check.isComplete) return [`${open}/>`];
  const lines = [`${open}>`];
  for (const finding of failures) {
    const message = `${finding.severity}${finding.confidence === 'tentative' ? ' (tentative)' : ''}: ${operationName(finding)}: ${finding.message}`;
    lines.push(`      <failure message="${xmlAttribute(message)}" type="${finding.severity}">${xmlText(`${findingText(finding)}\n\nFix: ${check.remediation}`)}</failure>`);
  }
  if (failures.length === 0 && !check.isComplete) lines.push(`      <skipped message="${xmlAttribute(check.note ?? 'did not complete')}"/>`);
  if (output.length > 0) lines.push(`      <system-out>${xmlText(output.join('\n\n'))}</system-out>`);
  lines.push('    </testcase>');
  return lines;
}

/** What happened, the evidence (request line, status, curl line to replay) in the order it was sent. */
function findingText(finding: ScanFinding): string {
  const evidence = finding.evidence.flatMap((exchange) => [`${requestLineOf(exchange)} -> ${outcomeOf(exchange)}`, `  ${curlOf(exchange.request)}`]);
  return [`[${finding.severity}] ${operationName(finding)}: ${finding.message}`, ...evidence].join('\n');
}

/** The scan as a test: an error when it stopped early, with the scan's problems as output. */
function scanSuiteLines(report: ScanReport): string[] {
  const lines = [`  <testsuite name="Scan" tests="1" failures="0" errors="${report.isComplete ? 0 : 1}" skipped="0">`, '    <testcase classname="bulwark.scan" name="the scan ran to the end">'];
  if (!report.isComplete) lines.push(`      <error message="${xmlAttribute(`The report is ${completenessOf(report)}`)}" type="${report.stopReason ?? 'stopped'}"/>`);
  if (report.problems.length > 0) lines.push(`      <system-out>${xmlText(report.problems.join('\n'))}</system-out>`);
  lines.push('    </testcase>', '  </testsuite>');
  return lines;
}

function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const list = groups.get(keyOf(item)) ?? [];
    list.push(item);
    groups.set(keyOf(item), list);
  }
  return groups;
}
