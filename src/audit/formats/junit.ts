// The audit report as JUnit XML, which every CI system renders as a test report: one test suite per
// check group, one test case per check; a check with findings fails, listing each one with its
// location; a check turned off in the configuration is skipped.
import type { CheckGroup } from '../check.js';
import { displayPath, type AuditFinding, type AuditReport } from '../audit.js';

export function renderJunit(report: AuditReport, base?: string): string {
  const byCheck = new Map<string, AuditFinding[]>();
  for (const finding of report.findings) {
    const list = byCheck.get(finding.checkId) ?? [];
    list.push(finding);
    byCheck.set(finding.checkId, list);
  }
  const groups = new Map<CheckGroup, typeof report.checks[number][]>();
  for (const check of report.checks) {
    const list = groups.get(check.group) ?? [];
    list.push(check);
    groups.set(check.group, list);
  }
  const file = displayPath(report.document.file, base);
  const seconds = (report.durationMs / 1000).toFixed(3);
  const failedChecks = report.checks.filter((check) => check.enabled && (byCheck.get(check.id)?.length ?? 0) > 0).length;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="bulwark audit ${attribute(file)}" tests="${report.checks.length}" failures="${failedChecks}" errors="0" time="${seconds}">`,
  ];
  for (const [group, checks] of groups) {
    const failures = checks.filter((check) => check.enabled && (byCheck.get(check.id)?.length ?? 0) > 0).length;
    const skipped = checks.filter((check) => !check.enabled).length;
    lines.push(`  <testsuite name="${attribute(group)}" tests="${checks.length}" failures="${failures}" errors="0" skipped="${skipped}">`);
    for (const check of checks) {
      const open = `    <testcase classname="bulwark.audit.${attribute(group)}" name="${attribute(`${check.id}: ${check.title}`)}" file="${attribute(file)}"`;
      const findings = byCheck.get(check.id) ?? [];
      if (!check.enabled) {
        lines.push(`${open}>`, '      <skipped message="disabled in the audit configuration"/>', '    </testcase>');
      } else if (findings.length === 0) {
        lines.push(`${open}/>`);
      } else {
        const details = findings.map((finding) => `${displayPath(finding.file, base)}:${finding.line}:${finding.column} ${finding.pointer || '/'}: ${finding.message}`);
        const body = [...details, '', `Why: ${check.explanation}`, `Fix: ${check.remediation}`].join('\n');
        lines.push(`${open}>`);
        lines.push(`      <failure message="${attribute(`${findings.length} finding${findings.length === 1 ? '' : 's'} (${check.severity}, ${check.owasp})`)}" type="${check.severity}">${text(body)}</failure>`);
        lines.push('    </testcase>');
      }
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}

/** XML 1.0 cannot carry most control characters at all, even escaped: they become U+FFFD. */
// eslint-disable-next-line no-control-regex -- removing the characters XML forbids is the point
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

function text(value: string): string {
  return value.replace(XML_FORBIDDEN, '\ufffd').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attribute(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
