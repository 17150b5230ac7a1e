import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { templateInjection } from './template.js';
import { ALICE, documentWith, scanWith, startTinyApi, type TinyAnswer, type TinyRequest } from './test-context.js';

const document = documentWith({
  '/preview': {
    post: {
      security: [{ bearerAuth: [] }],
      requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['template'], properties: { template: { type: 'string', examples: ['Hi {{name}}'] } } } } } },
      responses: { '200': { description: 'Rendered.' } },
    },
  },
});

const templateOf = (request: TinyRequest): string => (JSON.parse(request.body) as { template: string }).template;

/** Evaluates `a*b` inside `<%= %>` (an EJS-like engine), fills `{{name}}`, and echoes the template back. */
function evaluating(request: TinyRequest): TinyAnswer {
  const template = templateOf(request);
  const rendered = template.replaceAll('{{name}}', 'Alice').replace(/<%= (\d{1,6})\*(\d{1,6}) %>/g, (_all, a: string, b: string) => String(Number(a) * Number(b)));
  return { body: { template, rendered } };
}

/** Substitutes known variables only: everything else stays literal. */
function substituting(request: TinyRequest): TinyAnswer {
  return { body: { rendered: templateOf(request).replaceAll('{{name}}', 'Alice') } };
}

describe('injection.template', () => {
  it('confirms an evaluated expression by two products, whichever syntax the engine has', async () => {
    const api = await startTinyApi(evaluating);
    try {
      const report = await scanWith(templateInjection, document, api.target, [ALICE]);
      assert.deepEqual(report.findings.map((finding) => [finding.severity, finding.confidence, finding.operation]), [['high', 'confirmed', 'POST /preview']]);
      const [finding] = report.findings;
      assert.match(finding!.message, /body \/template \(ERB, EJS syntax\): "<%= 1337\*7 %>" was rendered as 9359 and "<%= 1337\*9 %>" as 12033/);
      assert.equal(finding!.evidence.length, 3);
      assert.match(finding!.evidence[1]!.response!.body, /bwq9359bwq/);
    } finally {
      await api.close();
    }
  });

  it('reports nothing when the template is only substituted, one request per syntax', async () => {
    const api = await startTinyApi(substituting);
    try {
      const report = await scanWith(templateInjection, document, api.target, [ALICE]);
      assert.deepEqual(report.findings, []);
      assert.equal(report.requestsSent, 1 + 5);
    } finally {
      await api.close();
    }
  });

  it('one evaluated product that does not repeat is only tentative (info)', async () => {
    const api = await startTinyApi((request) => ({ body: { rendered: templateOf(request).replace('{{1337*7}}', '9359') } }));
    try {
      const report = await scanWith(templateInjection, document, api.target, [ALICE]);
      assert.deepEqual(report.findings.map((finding) => [finding.severity, finding.confidence]), [['info', 'tentative']]);
    } finally {
      await api.close();
    }
  });
});
