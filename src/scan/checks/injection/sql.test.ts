import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { shapeOf } from './sql-boolean.js';
import { sqlInjection } from './sql.js';
import { documentWith, scanWith, startTinyApi, type TinyAnswer, type TinyRequest } from './test-context.js';

const PUBLISHED = ['apple pie', 'banana bread', 'cherry tart'];
const HIDDEN = ['staff-only recipe'];
const document = documentWith({
  '/recipes': {
    get: {
      parameters: [{ name: 'q', in: 'query', schema: { type: 'string', maxLength: 100 } }, { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1 } }],
      responses: { '200': { description: 'Matching recipes.' } },
    },
  },
});

/** Like `WHERE name LIKE '%${q}%' AND published = 1` concatenated: odd quotes break it, a quoted `OR` condition is evaluated. */
function concatenating(request: TinyRequest): TinyAnswer {
  const q = request.url.searchParams.get('q') ?? '';
  if ((q.split("'").length - 1) % 2 === 1) return { status: 500, body: { error: `SQLITE_ERROR: near "%": syntax error in ${q}` } };
  const condition = /^(.*)' OR '(\w)' LIKE '(\w)$/.exec(q);
  if (condition !== null) {
    const [, prefix = '', left, right] = condition;
    const items = left === right ? [...PUBLISHED, ...HIDDEN] : PUBLISHED.filter((name) => name.endsWith(prefix));
    return { body: { items, count: items.length } };
  }
  const items = PUBLISHED.filter((name) => name.includes(q));
  return { body: { items, count: items.length } };
}

/** Bound parameters: the term is literal text, and the answer repeats it. */
function parameterised(request: TinyRequest): TinyAnswer {
  const q = request.url.searchParams.get('q') ?? '';
  const items = PUBLISHED.filter((name) => name.includes(q));
  return { body: { query: q, items, count: items.length, next: `/recipes?q=${encodeURIComponent(q)}&page=2` } };
}

describe('injection.sql', () => {
  it('confirms error-based and boolean-based injection separately, with the baseline as evidence', async () => {
    const api = await startTinyApi(concatenating);
    try {
      const report = await scanWith(sqlInjection, document, api.target);
      const findings = report.findings.map((finding) => [finding.severity, finding.confidence, finding.operation, finding.message.split(':')[0]]);
      assert.deepEqual(findings, [
        ['critical', 'confirmed', 'GET /recipes', 'Error-based SQL injection in query q'],
        ['critical', 'confirmed', 'GET /recipes', 'Boolean-based SQL injection in query q'],
      ]);
      const boolean = report.findings[1]!;
      assert.equal(boolean.evidence.length, 5, 'baseline, true, false, true, false');
      assert.match(boolean.evidence[1]!.request.url, /q=example%27%20OR%20%27a%27%20LIKE%20%27a&/);
      assert.equal(report.findings[0]!.evidence.length, 2, 'baseline and attack');
      assert.ok(report.requestsSent < 40, `bounded: ${report.requestsSent}`);
    } finally {
      await api.close();
    }
  });

  it('reports nothing when the value is bound, even though the answer echoes it', async () => {
    const api = await startTinyApi(parameterised);
    try {
      const report = await scanWith(sqlInjection, document, api.target);
      assert.deepEqual(report.findings, []);
      assert.equal(report.checks[0]?.isComplete, true);
    } finally {
      await api.close();
    }
  });

  it('does not take noise for a widened answer: the difference has to repeat', async () => {
    let calls = 0;
    const api = await startTinyApi((request) => {
      calls++;
      const items = calls % 3 === 0 ? PUBLISHED : PUBLISHED.slice(0, 1);
      return request.url.searchParams.has('q') ? { body: { items } } : { body: { items: [] } };
    });
    try {
      const report = await scanWith(sqlInjection, document, api.target);
      assert.deepEqual(report.findings.map((finding) => finding.message), []);
    } finally {
      await api.close();
    }
  });

  it('compares answers without the echoed value', () => {
    const exchange = (body: string) => ({ request: { method: 'GET', url: 'http://x/', headers: {} }, response: { status: 200, headers: {}, body, isTruncated: false, durationMs: 1 } });
    const sent = "x' OR 'a' LIKE 'a";
    assert.equal(shapeOf(exchange(`{"q":"${sent}","n":1}`), sent), '200\n{"q":"","n":1}');
    assert.equal(shapeOf(exchange(`{"next":"/r?q=${encodeURIComponent(sent)}"}`), sent), '200\n{"next":"/r?q="}');
    assert.equal(shapeOf({ request: exchange('').request, error: 'ECONNRESET' }, sent), 'error ECONNRESET');
  });
});
