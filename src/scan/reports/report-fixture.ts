// A partial scan report for the format tests: findings at every severity in several categories
// (one tentative, one about the whole API, one whose last exchange got no answer), incomplete checks,
// problems, credentials as placeholders, and hostile text (markup, quotes, shell syntax, control
// characters) wherever the evidence or the document can put it.
import type { Exchange } from '../exchange.js';
import type { ScanFinding } from '../finding.js';
import type { ScanCheckInfo, ScanReport } from '../scan-report.js';

export const HOSTILE_MARKUP = '<script>alert(1)</script>"><img src=x onerror=alert(1)>';
/** A NUL, a bell, a terminal colour sequence and a bidi override. */
export const CONTROL_CHARACTERS = '\u0000\u0007\u001b[31m\u202e';
export const TARGET = 'https://staging.example.com/api';

function exchange(method: string, path: string, headers: Record<string, string>, status: number, body: string, requestBody?: string): Exchange {
  return {
    request: { method, url: `${TARGET}${path}`, headers, ...(requestBody === undefined ? {} : { body: requestBody }) },
    response: { status, headers: { 'content-type': 'application/json' }, body, isTruncated: false, durationMs: 12 },
  };
}

const CHECKS: readonly ScanCheckInfo[] = [
  { id: 'api1.bola', category: 'API1', title: 'Another user\'s object can be read', severity: 'critical', remediation: 'Check the owner of every object.', isComplete: true },
  { id: 'injection.sql', category: 'INJECTION', title: 'SQL injection', severity: 'high', remediation: 'Use bound parameters, never "string" <concatenation> & co.', isComplete: true },
  { id: 'api8.cors-any-origin', category: 'API8', title: 'CORS allows any origin', severity: 'medium', remediation: 'List the allowed origins.', isComplete: true },
  { id: 'robustness.large-body', category: 'ROBUSTNESS', title: 'A large body stalls the API', severity: 'low', remediation: 'Limit body sizes.', isComplete: true },
  { id: 'api3.excessive-data', category: 'API3', title: 'Sensitive properties in answers', severity: 'high', remediation: 'Return only what the client needs.', isComplete: true },
  { id: 'api2.jwt-none', category: 'API2', title: 'Unsigned tokens accepted', severity: 'critical', remediation: 'Reject alg none.', isComplete: false, note: 'the request budget ran out' },
  { id: 'api5.admin-functions', category: 'API5', title: 'Administrator functions open to users', severity: 'high', remediation: 'Check the role.', isComplete: false, note: `needs an admin identity ${HOSTILE_MARKUP}` },
  { id: 'api4.rate-limit', category: 'API4', title: 'No rate limit', severity: 'medium', remediation: 'Add a rate limit.', isComplete: true },
];

function finding(checkId: string, rest: Pick<ScanFinding, 'operation' | 'message' | 'evidence'> & Partial<ScanFinding>): ScanFinding {
  const check = CHECKS.find((candidate) => candidate.id === checkId);
  if (check === undefined) throw new Error(`no check ${checkId} in the fixture`);
  const { id: _id, isComplete: _isComplete, note: _note, ...fromCheck } = check;
  return { checkId, confidence: 'confirmed', ...fromCheck, ...rest };
}

const FINDINGS: readonly ScanFinding[] = [
  finding('api1.bola', {
    operation: 'GET /orders/{id}',
    message: 'bob read the order 17 of alice.',
    evidence: [
      exchange('GET', '/orders/17', { authorization: 'Bearer $BULWARK_ALICE_TOKEN', accept: 'application/json' }, 200, '{"id":17,"owner":"alice"}'),
      exchange('GET', '/orders/17', { authorization: 'Bearer $BULWARK_BOB_TOKEN', accept: 'application/json' }, 200, '{"id":17,"owner":"alice"}'),
    ],
  }),
  finding('injection.sql', {
    operation: 'POST /search',
    message: `The database error shows the quote broke the query: it's "quoted" & <tagged> ${CONTROL_CHARACTERS}`,
    evidence: [{
      request: {
        method: 'POST', url: `${TARGET}/search?q=it's&filter[name]=$HOME`,
        headers: { 'content-type': 'application/json', 'x-api-key': '$BULWARK_BOB_API_KEY', 'x-empty': '' },
        body: `{"q":"' OR 1=1 -- $HOME \`id\` $(id)\n${HOSTILE_MARKUP}"}`,
      },
      response: { status: 500, headers: { 'content-type': 'text/html', 'x-debug': HOSTILE_MARKUP }, body: `SQL error near '${HOSTILE_MARKUP}' ${CONTROL_CHARACTERS}`, isTruncated: true, durationMs: 40 },
    }],
  }),
  finding('api8.cors-any-origin', {
    operation: '',
    message: 'Any origin may read answers with credentials.',
    evidence: [exchange('OPTIONS', '/', { origin: 'https://evil.example' }, 204, '')],
  }),
  finding('robustness.large-body', {
    operation: 'POST /upload',
    message: 'A 10 MB body got no answer within the timeout.',
    evidence: [{ request: { method: 'POST', url: `${TARGET}/upload`, headers: { authorization: 'Bearer $BULWARK_ALICE_TOKEN' }, body: 'x'.repeat(64) }, error: 'timeout after 10000 ms' }],
  }),
  finding('api3.excessive-data', {
    operation: 'GET /users/me',
    confidence: 'tentative',
    severity: 'info',
    message: 'The answer has a property named passwordHash.',
    evidence: [exchange('GET', '/users/me', { authorization: 'Bearer $BULWARK_ALICE_TOKEN' }, 200, '{"name":"alice","passwordHash":"$2b$10$abc"}')],
  }),
];

export function fixtureReport(): ScanReport {
  return {
    target: TARGET,
    spec: 'specs/shop openapi.yaml',
    apiTitle: `Shop <API> & "friends" ${CONTROL_CHARACTERS}`,
    startedAt: '2025-01-02T03:04:05.000Z',
    finishedAt: '2025-01-02T03:05:10.500Z',
    isComplete: false,
    stopReason: 'budget',
    requestsSent: 240,
    operations: 12,
    identities: ['alice', 'bob'],
    checks: CHECKS,
    findings: FINDINGS,
    problems: [`POST /orders could not be exercised: no example for the body ${HOSTILE_MARKUP}`, `the login of admin failed ${CONTROL_CHARACTERS}`],
  };
}

/** The same scan, run to the end without problems. */
export function completeFixtureReport(): ScanReport {
  const { stopReason: _stopReason, ...report } = fixtureReport();
  return { ...report, isComplete: true, problems: [], checks: report.checks.map(({ note: _note, ...check }) => ({ ...check, isComplete: true })) };
}
