// The scan report as one self-contained HTML file for people who do not read SARIF: a summary, a
// card per severity, and a table of findings, each opening onto its remediation and its evidence.
// Nothing is loaded (no script, image, font or stylesheet from anywhere), the page's CSP forbids it
// anyway, and every string from the report is escaped: evidence bodies are the target's answers.
import { SCAN_SEVERITIES, type ScanFinding } from '../finding.js';
import type { ScanReport } from '../scan-report.js';
import { evidenceHtml } from './html-evidence.js';
import { SCAN_HTML_STYLE } from './html-style.js';
import { escapeHtml } from './html-text.js';
import {
  categoryName, completenessOf, durationMsOf, formatDuration, operationName, severityCounts,
} from './report-summary.js';

/** Styles inline only; no script, so none may run even if escaping ever failed. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'";

export function renderScanHtml(report: ScanReport): string {
  const lines = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(`Bulwark scan of ${report.target}`)}</title>`,
    `<style>${SCAN_HTML_STYLE}</style>`,
    '</head>',
    '<body>',
    summaryHtml(report),
    cardsHtml(report),
    findingsHtml(report),
    checksHtml(report),
    problemsHtml(report),
    '</body>',
    '</html>',
  ];
  return `${lines.join('\n')}\n`;
}

function summaryHtml(report: ScanReport): string {
  const rows: [string, string][] = [
    ['Target', `<code>${escapeHtml(report.target)}</code>`],
    ['API', escapeHtml(report.apiTitle)],
    ['Document', `<code>${escapeHtml(report.spec)}</code>`],
    ['Started', escapeHtml(report.startedAt)],
    ['Duration', escapeHtml(formatDuration(durationMsOf(report)))],
    ['Requests sent', escapeHtml(String(report.requestsSent))],
    ['Operations', escapeHtml(String(report.operations))],
    ['Identities', report.identities.length === 0 ? 'none' : report.identities.map((name) => escapeHtml(name)).join(', ')],
  ];
  const completeness = completenessOf(report);
  const capitalized = completeness.charAt(0).toUpperCase() + completeness.slice(1);
  const banner = report.isComplete
    ? '<p class="banner complete">Complete: every check ran to the end.</p>'
    : `<p class="banner partial">${escapeHtml(`${capitalized}. Missing findings do not mean the API is safe.`)}</p>`;
  return [
    '<header>',
    '<h1>Bulwark scan report</h1>',
    `<dl class="summary">${rows.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join('')}</dl>`,
    banner,
    '</header>',
  ].join('\n');
}

function cardsHtml(report: ScanReport): string {
  const counts = severityCounts(report.findings);
  const cards = SCAN_SEVERITIES.map((severity) => `<div class="card sev-${severity}"><span class="count">${counts[severity]}</span><span class="label">${severity}</span></div>`);
  return `<section class="cards" aria-label="Findings by severity">\n${cards.join('\n')}\n</section>`;
}

function findingsHtml(report: ScanReport): string {
  if (report.findings.length === 0) return '<h2>Findings</h2>\n<p>No findings.</p>';
  return [
    `<h2>Findings (${report.findings.length})</h2>`,
    '<table class="findings">',
    '<thead><tr><th>Severity</th><th>Check</th><th>Category</th><th>Operation</th><th>Finding</th></tr></thead>',
    '<tbody>',
    ...report.findings.map(findingRowHtml),
    '</tbody>',
    '</table>',
  ].join('\n');
}

function findingRowHtml(finding: ScanFinding): string {
  const tentative = finding.confidence === 'tentative' ? ' <span class="tentative">(tentative: not confirmed)</span>' : '';
  const details = [
    `<details><summary>${escapeHtml(finding.message)}</summary>`,
    `<h3>${escapeHtml(finding.title)}${tentative}</h3>`,
    `<p>${escapeHtml(finding.message)}</p>`,
    '<h4>Remediation</h4>',
    `<p>${escapeHtml(finding.remediation)}</p>`,
    `<h4>Evidence (${finding.evidence.length})</h4>`,
    evidenceHtml(finding.evidence),
    '</details>',
  ].join('\n');
  return [
    '<tr>',
    severityBadge(finding.severity),
    `<td><code>${escapeHtml(finding.checkId)}</code></td>`,
    `<td>${escapeHtml(categoryName(finding.category))}</td>`,
    `<td><code>${escapeHtml(operationName(finding))}</code></td>`,
    `<td class="finding">${details}</td>`,
    '</tr>',
  ].join('\n');
}

function checksHtml(report: ScanReport): string {
  const rows = report.checks.map((check) => {
    const status = check.isComplete ? 'complete' : `<strong>not complete</strong>: ${escapeHtml(check.note ?? 'no reason given')}`;
    return `<tr><td><code>${escapeHtml(check.id)}</code></td><td>${escapeHtml(categoryName(check.category))}</td><td>${escapeHtml(check.title)}</td>`
      + `${severityBadge(check.severity)}<td>${status}</td></tr>`;
  });
  return [
    `<h2>Checks (${report.checks.length})</h2>`,
    '<table class="checks">',
    '<thead><tr><th>Check</th><th>Category</th><th>Title</th><th>Severity</th><th>Status</th></tr></thead>',
    `<tbody>\n${rows.join('\n')}\n</tbody>`,
    '</table>',
  ].join('\n');
}

/** Escaped like the rest: a report read back from JSON is only typed, not checked. */
function severityBadge(severity: string): string {
  return `<td><span class="badge sev-${escapeHtml(severity)}">${escapeHtml(severity)}</span></td>`;
}

function problemsHtml(report: ScanReport): string {
  if (report.problems.length === 0) return '';
  return `<h2>Problems (${report.problems.length})</h2>\n<ul>\n${report.problems.map((problem) => `<li>${escapeHtml(problem)}</li>`).join('\n')}\n</ul>`;
}
