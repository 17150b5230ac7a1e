// The audit report as SARIF 2.1.0 (OASIS), the format code-scanning services take: GitHub's
// `upload-sarif` shows each finding on the line of the document it is about, with the rule's help,
// and sorts by `security-severity`. Findings accepted as risks are kept as suppressed results, so the
// acceptance is visible where the finding would be. Paths are relative to `base` under %SRCROOT%.
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { AuditSeverity } from '../check.js';
import { displayPath, type AuditFinding, type AuditReport, type IgnoredFinding } from '../audit.js';

/** GitHub reads this property (0.1 to 10) to rank security results: critical ≥ 9, high ≥ 7, medium ≥ 4. */
const SECURITY_SEVERITY: Readonly<Record<AuditSeverity, string>> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '1.0' };
const LEVEL: Readonly<Record<AuditSeverity, 'error' | 'warning' | 'note'>> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };

export function renderSarif(report: AuditReport, base: string = process.cwd()): string {
  const rules: ReportingDescriptor[] = report.checks.map((check) => ({
    id: check.id,
    name: check.id.split(/[.-]/).map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(''),
    shortDescription: { text: check.title },
    fullDescription: { text: check.explanation },
    help: { text: `${check.explanation}\n\nRemediation: ${check.remediation}`, markdown: `${check.explanation}\n\n**Remediation:** ${check.remediation}` },
    defaultConfiguration: { level: LEVEL[check.severity], enabled: check.enabled },
    properties: {
      tags: ['security', 'openapi', `owasp-${check.owasp.toLowerCase()}:2023`, ...check.asvs.map((requirement) => `asvs-${requirement}`)],
      'security-severity': SECURITY_SEVERITY[check.severity],
      precision: 'high',
    },
  }));
  const ruleIndex = new Map(report.checks.map((check, index) => [check.id, index]));
  const result = (finding: AuditFinding, ignored?: IgnoredFinding): Result => {
    const uri = displayPath(finding.file, base).split('\\').join('/');
    return {
      ruleId: finding.checkId,
      ruleIndex: ruleIndex.get(finding.checkId) ?? -1,
      level: LEVEL[finding.severity],
      message: { text: finding.message },
      locations: [{
        physicalLocation: {
          artifactLocation: uri.startsWith('/') ? { uri: pathToFileURL(finding.file).href } : { uri: encodeURI(uri), uriBaseId: '%SRCROOT%' },
          region: { startLine: finding.line, startColumn: finding.column },
        },
        logicalLocations: [{ fullyQualifiedName: finding.pointer === '' ? '/' : finding.pointer, kind: 'object' }],
      }],
      // Stable across runs and line moves: code scanning matches results between commits by it.
      partialFingerprints: { 'bulwarkFinding/v1': createHash('sha256').update(`${finding.checkId}\n${uri}\n${finding.pointer}\n${finding.message}`).digest('hex').slice(0, 32) },
      properties: { severity: finding.severity, owasp: finding.owaspName },
      ...(ignored === undefined ? {} : { suppressions: [{ kind: ignored.ignoredBy === 'document' ? 'inSource' as const : 'external' as const, justification: ignored.reason }] }),
    };
  };
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'Bulwark', semanticVersion: '0.1.0', rules } },
      originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(base.endsWith('/') ? base : `${base}/`).href } },
      invocations: [{
        executionSuccessful: true,
        toolExecutionNotifications: report.problems.map((problem) => ({ level: 'warning' as const, message: { text: problem } })),
      }],
      results: [...report.findings.map((finding) => result(finding)), ...report.ignored.map((finding) => result(finding, finding))],
      properties: { score: report.score },
    }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
