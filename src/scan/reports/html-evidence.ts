// One finding's evidence in the HTML report: each exchange as the request and the response written
// out in full, and the curl line that replays the request.
import type { Exchange } from '../exchange.js';
import { curlOf } from './curl.js';
import { escapeHtml } from './html-text.js';
import { outcomeOf, requestLineOf } from './report-summary.js';

export function evidenceHtml(evidence: readonly Exchange[]): string {
  if (evidence.length === 0) return '<p class="muted">No exchange recorded.</p>';
  return evidence.map((exchange, index) => exchangeHtml(exchange, `${index + 1} of ${evidence.length}`)).join('\n');
}

function exchangeHtml(exchange: Exchange, position: string): string {
  const { request, response } = exchange;
  const responseHtml = response === undefined
    ? `<p>No response: ${escapeHtml(exchange.error ?? 'unknown error')}</p>`
    : `<pre>${escapeHtml(messageText(outcomeOf(exchange), response.headers, response.body))}</pre>`
      + (response.isTruncated ? '<p class="muted">The body was cut: only its beginning was kept.</p>' : '')
      + `<p class="muted">Answered in ${Math.round(response.durationMs)} ms.</p>`;
  return [
    '<section class="exchange">',
    `<h4>Exchange ${position}: <code>${escapeHtml(requestLineOf(exchange))}</code> &rarr; ${escapeHtml(outcomeOf(exchange))}</h4>`,
    `<h5>Request</h5><pre>${escapeHtml(messageText(requestLineOf(exchange), request.headers, request.body ?? ''))}</pre>`,
    `<h5>Response</h5>${responseHtml}`,
    `<h5>Replay</h5><pre class="curl">${escapeHtml(curlOf(request))}</pre>`,
    '</section>',
  ].join('\n');
}

/** The start line, the headers, a blank line and the body, as on the wire. */
function messageText(startLine: string, headers: Readonly<Record<string, string>>, body: string): string {
  const headerLines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  return [startLine, ...headerLines, ...(body === '' ? [] : ['', body])].join('\n');
}
