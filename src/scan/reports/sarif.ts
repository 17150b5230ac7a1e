// The scan report as SARIF 2.1.0 (OASIS), the format code-scanning services take. A scan finding has
// no line of source: its location is the operation on the target (a logical location) and, so that
// services which need a file can show it, the OpenAPI document. The proof travels three ways: in the
// message text (request line and status, for any viewer), as SARIF's own webRequest / webResponse
// (the last exchange, for DAST-aware viewers) and as properties (every exchange with its curl line).
import { createHash } from 'node:crypto';
import { isAbsolute, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ArtifactLocation, Location, Log, Notification, ReportingDescriptor, Result, WebRequest, WebResponse } from 'sarif';
import type { Exchange } from '../exchange.js';
import type { ScanCategory, ScanFinding, ScanSeverity } from '../finding.js';
import type { ScanReport } from '../scan-report.js';
import { curlOf } from './curl.js';
import { categoryName, completenessOf, outcomeOf, requestLineOf } from './report-summary.js';

export interface ScanSarifOptions {
  /** The document path is written relative to this directory, under %SRCROOT% (default: the working directory). */
  readonly base?: string;
}

/** GitHub reads this property (0.1 to 10) to rank security results: critical ≥ 9, high ≥ 7, medium ≥ 4. */
const SECURITY_SEVERITY: Readonly<Record<ScanSeverity, string>> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '1.0' };
const LEVEL: Readonly<Record<ScanSeverity, 'error' | 'warning' | 'note'>> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };
const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\//i;

export function renderScanSarif(report: ScanReport, options: ScanSarifOptions = {}): string {
  const base = options.base ?? process.cwd();
  const ruleIndex = new Map(report.checks.map((check, index) => [check.id, index]));
  const spec = report.spec === '' ? undefined : specLocation(report.spec, base);
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'Bulwark', semanticVersion: '0.1.0', rules: report.checks.map(ruleOf) } },
      ...(spec?.uriBaseId === undefined ? {} : { originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(base.endsWith('/') ? base : `${base}/`).href } } }),
      invocations: [{
        executionSuccessful: report.isComplete,
        startTimeUtc: report.startedAt,
        endTimeUtc: report.finishedAt,
        toolExecutionNotifications: notificationsOf(report),
      }],
      results: report.findings.map((finding) => resultOf(finding, report.target, spec, ruleIndex.get(finding.checkId))),
      properties: { target: report.target, requestsSent: report.requestsSent, operations: report.operations, isComplete: report.isComplete, stopReason: report.stopReason },
    }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function ruleOf(check: ScanReport['checks'][number]): ReportingDescriptor {
  return {
    id: check.id,
    name: check.id.split(/[.-]/).map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(''),
    shortDescription: { text: check.title },
    help: { text: `${categoryName(check.category)}\n\nRemediation: ${check.remediation}`, markdown: `${categoryName(check.category)}\n\n**Remediation:** ${check.remediation}` },
    defaultConfiguration: { level: LEVEL[check.severity] },
    properties: { tags: ['security', 'api', 'dast', categoryTag(check.category)], 'security-severity': SECURITY_SEVERITY[check.severity], precision: 'high' },
  };
}

/** The tag code scanning filters by: `owasp-api1:2023` like the audit's, or the family's name. */
function categoryTag(category: ScanCategory): string {
  return category === 'INJECTION' || category === 'ROBUSTNESS' ? category.toLowerCase() : `owasp-${category.toLowerCase()}:2023`;
}

function resultOf(finding: ScanFinding, target: string, spec: ArtifactLocation | undefined, ruleIndex: number | undefined): Result {
  const last = finding.evidence[finding.evidence.length - 1];
  const evidence = finding.evidence.map((exchange) => `  ${requestLineOf(exchange)} -> ${outcomeOf(exchange)}`);
  return {
    ruleId: finding.checkId,
    ...(ruleIndex === undefined ? {} : { ruleIndex }),
    level: LEVEL[finding.severity],
    message: { text: [finding.message, '', `Operation: ${operationOn(finding, target)}`, 'Evidence:', ...evidence].join('\n') },
    locations: [locationOf(finding, target, spec)],
    // Stable across runs: code scanning matches results between runs by it.
    partialFingerprints: { 'bulwarkScanFinding/v1': createHash('sha256').update(`${finding.checkId}\n${finding.operation}\n${finding.message}`).digest('hex').slice(0, 32) },
    ...(last === undefined ? {} : { webRequest: webRequestOf(last), webResponse: webResponseOf(last) }),
    properties: {
      severity: finding.severity,
      confidence: finding.confidence,
      category: categoryName(finding.category),
      operation: finding.operation,
      evidence: finding.evidence.map((exchange) => ({ request: requestLineOf(exchange), outcome: outcomeOf(exchange), curl: curlOf(exchange.request) })),
    },
  };
}

/** `GET https://host/api/orders/{id}`: the operation's path on the target, or the target itself. */
function operationOn(finding: ScanFinding, target: string): string {
  const space = finding.operation.indexOf(' ');
  if (space < 0) return finding.operation === '' ? target : `${finding.operation} ${target}`;
  return `${finding.operation.slice(0, space)} ${target.replace(/\/$/, '')}${finding.operation.slice(space + 1)}`;
}

function locationOf(finding: ScanFinding, target: string, spec: ArtifactLocation | undefined): Location {
  return {
    // The document has the operation somewhere, but the report does not say where: line 1 stands for the file.
    ...(spec === undefined ? {} : { physicalLocation: { artifactLocation: spec, region: { startLine: 1 } } }),
    logicalLocations: [{ name: finding.operation === '' ? target : finding.operation, fullyQualifiedName: operationOn(finding, target), kind: 'resource' }],
  };
}

/** Relative to %SRCROOT% when the document is under `base`, else an absolute URI. */
function specLocation(spec: string, base: string): ArtifactLocation {
  if (URL_LIKE.test(spec)) return { uri: spec };
  const path = isAbsolute(spec) ? relative(base, spec) : spec;
  if (isAbsolute(path) || path.startsWith('..')) return { uri: pathToFileURL(spec).href };
  return { uri: encodeURI(path.split('\\').join('/')), uriBaseId: '%SRCROOT%' };
}

function webRequestOf(exchange: Exchange): WebRequest {
  const { method, url, headers, body } = exchange.request;
  return { protocol: 'http', method, target: url, headers: { ...headers }, ...(body === undefined ? {} : { body: { text: body } }) };
}

function webResponseOf(exchange: Exchange): WebResponse {
  const { response } = exchange;
  if (response === undefined) return { noResponseReceived: true, ...(exchange.error === undefined ? {} : { properties: { error: exchange.error } }) };
  return { protocol: 'http', statusCode: response.status, headers: { ...response.headers }, body: { text: response.body }, properties: { isTruncated: response.isTruncated, durationMs: response.durationMs } };
}

/** Why the scan is partial, which checks did not finish, and the scan's own problems. */
function notificationsOf(report: ScanReport): Notification[] {
  const notifications: Notification[] = [];
  if (!report.isComplete) notifications.push({ level: 'error', message: { text: `The report is ${completenessOf(report)}.` } });
  for (const check of report.checks) {
    if (!check.isComplete) notifications.push({ level: 'warning', message: { text: `${check.id} did not complete: ${check.note ?? 'no reason given'}` }, associatedRule: { id: check.id } });
  }
  for (const problem of report.problems) notifications.push({ level: 'warning', message: { text: problem } });
  return notifications;
}
