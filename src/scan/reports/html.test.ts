import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { curlOf } from './curl.js';
import { renderScanHtml } from './html.js';
import { escapeHtml } from './html-text.js';
import { completeFixtureReport, fixtureReport, HOSTILE_MARKUP } from './report-fixture.js';

const ALLOWED_TAGS = new Set([
  'html', 'head', 'meta', 'title', 'style', 'body', 'header', 'h1', 'h2', 'h3', 'h4', 'h5', 'dl', 'dt', 'dd', 'p', 'section', 'div', 'span',
  'table', 'thead', 'tbody', 'tr', 'th', 'td', 'code', 'pre', 'details', 'summary', 'strong', 'ul', 'li',
]);
const ALLOWED_ATTRIBUTES = new Set(['lang', 'charset', 'http-equiv', 'content', 'name', 'class', 'aria-label']);

function unescapeHtml(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

describe('scan HTML report', () => {
  const html = renderScanHtml(fixtureReport());

  it('is one document that loads nothing, under a CSP that forbids loading and scripts', () => {
    assert.ok(html.startsWith('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'));
    assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`));
    assert.ok(html.endsWith('</body>\n</html>\n'));
    assert.doesNotMatch(html, /<script|<img|<link|<iframe|<object|@import|url\(/i);
    assert.doesNotMatch(html, /\s(src|href|on[a-z]+)="/i);
  });

  it('escapes everything from the report: only its own tags and attributes appear', () => {
    const body = html.slice(html.indexOf('</style>'));
    for (const [, tag = '', attributes = ''] of body.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)) {
      assert.ok(ALLOWED_TAGS.has(tag.toLowerCase()), `unexpected tag <${tag}>`);
      for (const [, name = ''] of attributes.matchAll(/\s([^\s=]+)=/g)) assert.ok(ALLOWED_ATTRIBUTES.has(name), `unexpected attribute ${name} on <${tag}>`);
    }
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(!html.includes(HOSTILE_MARKUP));
    assert.equal(escapeHtml(`<a href='x'>&"`), '&lt;a href=&#39;x&#39;&gt;&amp;&quot;');
  });

  it('shows invisible characters from the evidence instead of writing them', () => {
    // eslint-disable-next-line no-control-regex -- asserting that no control character gets through
    assert.doesNotMatch(html, /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u202e]/);
    assert.ok(html.includes('Shop &lt;API&gt; &amp; &quot;friends&quot; \\u0000\\u0007\\u001b[31m\\u202e'));
    assert.equal(escapeHtml('a\n\tb'), 'a\n\tb');
  });

  it('has the summary, a card per severity, and says when the report is partial', () => {
    assert.match(html, /<dt>Target<\/dt><dd><code>https:\/\/staging\.example\.com\/api<\/code><\/dd>/);
    assert.match(html, /<dt>Duration<\/dt><dd>1 min 6 s<\/dd><dt>Requests sent<\/dt><dd>240<\/dd>/);
    const cards = [...html.matchAll(/<div class="card sev-(\w+)"><span class="count">(\d+)<\/span>/g)].map((match) => [match[1], match[2]]);
    assert.deepEqual(cards, [['critical', '1'], ['high', '1'], ['medium', '1'], ['low', '1'], ['info', '1']]);
    assert.match(html, /<p class="banner partial">Partial: the request budget ran out, not every check ran to the end\. Missing findings/);
    const complete = renderScanHtml(completeFixtureReport());
    assert.match(complete, /<p class="banner complete">/);
    assert.doesNotMatch(complete, /Problems/);
  });

  it('lists findings in a table, each expandable onto its remediation and every exchange with its curl line', () => {
    assert.equal([...html.matchAll(/<details>/g)].length, 5);
    assert.match(html, /<td><span class="badge sev-critical">critical<\/span><\/td>\n<td><code>api1\.bola<\/code><\/td>\n<td>API1:2023 Broken Object Level Authorization<\/td>\n<td><code>GET \/orders\/\{id\}<\/code><\/td>/);
    assert.match(html, /<h4>Remediation<\/h4>\n<p>Use bound parameters, never &quot;string&quot; &lt;concatenation&gt; &amp; co\.<\/p>/);
    assert.match(html, /<h4>Evidence \(2\)<\/h4>\n<section class="exchange">\n<h4>Exchange 1 of 2: <code>GET https:\/\/staging\.example\.com\/api\/orders\/17<\/code> &rarr; 200 OK<\/h4>/);
    assert.match(html, /<h5>Response<\/h5><pre>500 Internal Server Error\ncontent-type: text\/html\nx-debug: &lt;script&gt;/);
    assert.match(html, /<p class="muted">The body was cut: only its beginning was kept\.<\/p>/);
    assert.match(html, /<p>No response: timeout after 10000 ms<\/p>/);
    assert.match(html, /<span class="tentative">\(tentative: not confirmed\)<\/span>/);
    const curls = [...html.matchAll(/<pre class="curl">([^<]*)<\/pre>/g)].map((match) => unescapeHtml(match[1] ?? ''));
    assert.deepEqual(curls, fixtureReport().findings.flatMap((finding) => finding.evidence.map((exchange) => curlOf(exchange.request))));
  });

  it('lists every check with its status, and the problems', () => {
    assert.match(html, /<h2>Checks \(8\)<\/h2>/);
    assert.match(html, /<td><code>api2\.jwt-none<\/code><\/td>.*<td><strong>not complete<\/strong>: the request budget ran out<\/td><\/tr>/);
    assert.match(html, /<h2>Problems \(2\)<\/h2>\n<ul>\n<li>POST \/orders could not be exercised: no example for the body &lt;script&gt;/);
  });
});
