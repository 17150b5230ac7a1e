import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { nosqlInjection } from './nosql.js';
import { documentWith, scanWith, startTinyApi, type TinyAnswer, type TinyRequest } from './test-context.js';

const USERS = [{ username: 'carol', password: 'Carol-pass-2024' }];
const credentials = { type: 'object', required: ['username', 'password'], properties: { username: { type: 'string' }, password: { type: 'string' } } };
const document = documentWith({
  '/login': { post: { security: [], requestBody: { required: true, content: { 'application/json': { schema: credentials } } }, responses: { '200': { description: 'Logged in.' } } } },
});

/** `{$ne}` and `{$gt}` honoured wherever they appear, as a document store's query would. */
function matches(stored: string, condition: unknown): boolean {
  if (typeof condition === 'string') return stored === condition;
  const operators = condition as { $ne?: unknown; $gt?: unknown };
  if ('$ne' in operators) return stored !== operators.$ne;
  if ('$gt' in operators) return typeof operators.$gt === 'string' && stored > operators.$gt;
  return false;
}

const bodyOf = (request: TinyRequest): Record<string, unknown> => JSON.parse(request.body) as Record<string, unknown>;

function queryingLogin(request: TinyRequest): TinyAnswer {
  const body = bodyOf(request);
  const user = USERS.find((candidate) => matches(candidate.username, body.username) && matches(candidate.password, body.password));
  return user === undefined ? { status: 401, body: { title: 'Invalid credentials' } } : { body: { accessToken: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjYXJvbCJ9.c2lnbmF0dXJl' } };
}

function typedLogin(request: TinyRequest): TinyAnswer {
  const body = bodyOf(request);
  if (typeof body.username !== 'string' || typeof body.password !== 'string') return { status: 400, body: { title: 'username and password must be strings' } };
  return queryingLogin(request);
}

describe('injection.nosql', () => {
  it('confirms a login that operators pass and wrong strings do not', async () => {
    const api = await startTinyApi(queryingLogin);
    try {
      const report = await scanWith(nosqlInjection, document, api.target);
      assert.equal(report.findings.length, 1);
      const [finding] = report.findings;
      assert.equal(finding!.severity, 'critical');
      assert.equal(finding!.confidence, 'confirmed');
      assert.match(finding!.message, /every string field .*\{"\$ne":null\}.*session token.*refused \(401\)/);
      assert.deepEqual(finding!.evidence.map((exchange) => exchange.response?.status), [401, 200, 401]);
      assert.equal(finding!.evidence[1]!.request.body, '{"username":{"$ne":null},"password":{"$ne":null}}');
      assert.equal(finding!.evidence[1]!.response?.body, '{"accessToken":"[session token removed by bulwark: 54 characters]"}', 'no live token in the report');
    } finally {
      await api.close();
    }
  });

  it('reports nothing when the API insists on strings', async () => {
    const api = await startTinyApi(typedLogin);
    try {
      const report = await scanWith(nosqlInjection, document, api.target);
      assert.deepEqual(report.findings, []);
      // The baseline, both operators on every field, then each field alone.
      assert.equal(api.requests.length, 5);
    } finally {
      await api.close();
    }
  });

  it('takes a session cookie for a login too, and keeps it out of the report', async () => {
    const api = await startTinyApi((request) => {
      const answer = queryingLogin(request);
      return answer.status === undefined ? { body: { ok: true }, headers: { 'set-cookie': 'sid=0123456789abcdef0123; Path=/; HttpOnly' } } : answer;
    });
    try {
      const report = await scanWith(nosqlInjection, document, api.target);
      assert.deepEqual(report.findings.map((finding) => [finding.confidence, /session token/.test(finding.message)]), [['confirmed', true]]);
      assert.ok(!JSON.stringify(report.findings).includes('0123456789abcdef0123'));
    } finally {
      await api.close();
    }
  });

  it('is tentative (info) when an operator turns a 404 into a 200 without handing out a session', async () => {
    const lookup = documentWith({
      '/lookup': { post: { security: [], requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties: { code: { type: 'string' } } } } } }, responses: { '200': { description: 'Found.' } } } },
    });
    const api = await startTinyApi((request) => (typeof bodyOf(request).code === 'string' ? { status: 404, body: {} } : { body: { code: 'X-1' } }));
    try {
      const report = await scanWith(nosqlInjection, lookup, api.target);
      assert.deepEqual(report.findings.map((finding) => [finding.severity, finding.confidence]), [['info', 'tentative']]);
    } finally {
      await api.close();
    }
  });
});
