import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { commandInjection } from './command.js';
import { ALICE, documentWith, scanWith, startTinyApi, type TinyAnswer, type TinyRequest } from './test-context.js';

const document = documentWith({
  '/ping': {
    post: {
      security: [{ bearerAuth: [] }],
      requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['host'], properties: { host: { type: 'string', maxLength: 253 } } } } } },
      responses: { '200': { description: 'The output.' } },
    },
  },
});

const hostOf = (request: TinyRequest): string => (JSON.parse(request.body) as { host: string }).host;

/** What `sh -c "ping -c 1 $host"` would do, without a shell: sleeps and id after a metacharacter. */
function shelling(request: TinyRequest): TinyAnswer {
  const host = hostOf(request);
  const sleep = /(?:;|\||\$\(|`)\s{0,4}sleep (\d)/.exec(host);
  const output = `PING ${host}: 56 data bytes\n${/(?:;|\||\$\(|`)\s{0,4}id\b/.test(host) ? 'uid=33(www-data) gid=33(www-data) groups=33(www-data)\n' : ''}`;
  return { body: { output }, delayMs: sleep === null ? 0 : Number(sleep[1]) * 1000 };
}

describe('injection.command', () => {
  it('confirms output-based and time-based injection as separate findings', async () => {
    const api = await startTinyApi(shelling);
    try {
      const report = await scanWith(commandInjection, document, api.target, [ALICE]);
      assert.deepEqual(report.findings.map((finding) => [finding.severity, finding.confidence, finding.operation]), [
        ['critical', 'confirmed', 'POST /ping'], ['critical', 'confirmed', 'POST /ping'],
      ]);
      const [output, time] = report.findings;
      assert.match(output!.message, /"; id" put the output of id \(uid=33\(www-data\) gid=33\(/);
      assert.match(time!.message, /time-based.*twice/);
      const host = hostOf(api.requests[0]!);
      assert.deepEqual(time!.evidence.map((exchange) => exchange.request.body), [host, `${host}; sleep 2`, `${host}; sleep 0`, `${host}; sleep 2`].map((value) => JSON.stringify({ host: value })));
      assert.ok(time!.evidence.every((exchange) => exchange.request.headers.authorization === 'Bearer $BULWARK_ALICE_TOKEN'), 'as the identity, masked');
    } finally {
      await api.close();
    }
  });

  it('reports nothing when the host is validated, without any slow request', async () => {
    const api = await startTinyApi((request) => (/^[\w.-]+$/.test(hostOf(request)) ? shelling(request) : { status: 400, body: { title: 'Invalid host' } }));
    try {
      const started = performance.now();
      const report = await scanWith(commandInjection, document, api.target, [ALICE]);
      assert.deepEqual(report.findings, []);
      assert.equal(report.requestsSent, 1 + 4 + 4, 'baseline, four output probes, four sleeps');
      assert.ok(performance.now() - started < 1_500);
    } finally {
      await api.close();
    }
  });

  it('one delay that does not repeat is only tentative (info)', async () => {
    let sleeps = 0;
    const api = await startTinyApi((request) => {
      const isSleep = hostOf(request).includes('sleep 2');
      if (isSleep) sleeps++;
      return { body: { output: 'ok' }, delayMs: isSleep && sleeps === 1 ? 2_000 : 0 };
    });
    try {
      const report = await scanWith(commandInjection, document, api.target, [ALICE]);
      assert.deepEqual(report.findings.map((finding) => [finding.severity, finding.confidence]), [['info', 'tentative']]);
      assert.match(report.findings[0]!.message, /did not repeat/);
    } finally {
      await api.close();
    }
  });
});
