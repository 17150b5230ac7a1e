// The contract stages end to end: a real gateway with an OpenAPI document in front of a real
// upstream; every rule's deny, monitor and allow path, as a client sees it.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { request } from 'undici';
import { isBulwarkError } from '../../src/core/errors.js';
import { echo, listenerYaml, route, startTestGateway, startUpstream, type TestGateway, type TestUpstream } from '../helpers/harness.js';

const SHOP = join(import.meta.dirname, '../fixtures/contract/shop.yaml');
const KEY = { 'x-api-key': 'k-123' };

interface Problem { status: number; ruleId: string; detail: string; errors?: { location: string; problem: string }[] }

async function call(url: string, options: Parameters<typeof request>[1] = {}): Promise<{ status: number; headers: Record<string, unknown>; text: string; json: () => unknown }> {
  const response = await request(url, options);
  const text = await response.body.text();
  return { status: response.statusCode, headers: response.headers, text, json: () => JSON.parse(text) as unknown };
}

function upstreamAnswers(req: Parameters<typeof echo>[0], res: Parameters<typeof echo>[1], body: Buffer): void {
  const send = (status: number, value: unknown, type = 'application/json'): void => {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };
  switch (`${req.method} ${req.url}`) {
    case 'GET /api/v1/users/1':
      return send(200, { id: 1, name: 'ann', password: 'hunter22', ssn: '078-05-1120', address: { city: 'Oslo', zip: '01234', geo: '59.9,10.7' } });
    case 'GET /api/v1/users/2':
      return send(200, { id: 'two', name: 'bob' });
    case 'GET /api/v1/users/3':
      return send(500, { error: 'boom' });
    case 'GET /api/v1/users/4':
      return send(200, '<html></html>', 'text/html');
    case 'GET /api/v1/users/5':
      return send(200, { id: 5, name: 'big', tags: Array.from({ length: 5000 }, (_, i) => `tag-${i}`) });
    default:
      return echo(req, res, body);
  }
}

describe('contract stage (requests)', () => {
  let api: TestUpstream;
  let gw: TestGateway;
  before(async () => {
    api = await startUpstream(upstreamAnswers);
    gw = await startTestGateway(`${listenerYaml()}
routes:
${route('shop', api.url, `    openapi: { document: ${JSON.stringify(SHOP)} }`)}`);
  });
  after(async () => {
    await gw.close();
    await api.close();
  });

  async function problem(path: string, options: Parameters<typeof request>[1] = {}): Promise<Problem & { httpStatus: number; headers: Record<string, unknown> }> {
    const answer = await call(`${gw.url}${path}`, options);
    assert.equal(answer.headers['content-type'], 'application/problem+json', `${path}: ${answer.status} ${answer.text}`);
    return { ...(answer.json() as Problem), httpStatus: answer.status, headers: answer.headers };
  }

  test('a request that fits the document is forwarded', async () => {
    const answer = await call(`${gw.url}/api/v1/users?limit=5&ids=1,2&filter[role]=admin&filter[age]=30`, { headers: { 'x-tenant': '3f2c5a4e-8a1b-4c3d-9e8f-0a1b2c3d4e5f', cookie: 'session=0a1b2c3d' } });
    assert.equal(answer.status, 200, answer.text);
    assert.equal(api.seen.at(-1)?.url, '/api/v1/users?limit=5&ids=1,2&filter[role]=admin&filter[age]=30');
  });

  test('parameters are validated after deserialisation, each failure located', async () => {
    const tooBig = await problem('/api/v1/users?limit=500');
    assert.equal(tooBig.httpStatus, 400);
    assert.equal(tooBig.ruleId, 'contract.parameter-invalid');
    assert.deepEqual(tooBig.errors?.map((e) => e.location), ['query.limit']);
    const badItem = await problem('/api/v1/users?ids=1,2,x');
    assert.deepEqual(badItem.errors?.map((e) => e.location), ['query.ids[2]']);
    const badRole = await problem('/api/v1/users?filter[role]=root');
    assert.deepEqual(badRole.errors?.map((e) => e.location), ['query.filter.role']);
    const badPath = await problem('/api/v1/users/0');
    assert.deepEqual(badPath.errors?.map((e) => e.location), ['path.id']);
    const sqlInId = await problem("/api/v1/users/1%20OR%201=1");
    assert.equal(sqlInId.ruleId, 'contract.parameter-invalid');
    const header = await problem('/api/v1/users', { headers: { 'x-tenant': 'not-a-uuid' } });
    assert.deepEqual(header.errors?.map((e) => e.location), ['header.x-tenant']);
    const cookie = await problem('/api/v1/users', { headers: { cookie: 'session=zzz' } });
    assert.deepEqual(cookie.errors?.map((e) => e.location), ['cookie.session']);
  });

  test('the problem never echoes the offending value', async () => {
    const answer = await call(`${gw.url}/api/v1/users?limit=%3Cscript%3Ealert(1)%3C%2Fscript%3E`);
    assert.equal(answer.status, 400);
    assert.doesNotMatch(answer.text, /script/);
  });

  test('unknown query parameters are refused; unknown headers and cookies are monitored', async () => {
    const query = await problem('/api/v1/users?debug=true');
    assert.equal(query.ruleId, 'contract.unknown-query');
    assert.deepEqual(query.errors?.map((e) => e.location), ['query.debug']);
    const control = await problem('/api/v1/users?a%0Ab%1B=1');
    assert.deepEqual(control.errors?.map((e) => e.location), ['query.a?b?'], 'control characters from the client never reach the answer');
    const answer = await call(`${gw.url}/api/v1/users`, { headers: { 'x-debug-mode': '1', cookie: 'tracking=1', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' } });
    assert.equal(answer.status, 200);
    const events = await gw.events();
    const monitored = events.filter((e) => e.action === 'monitored').map((e) => e.ruleId);
    assert.ok(monitored.includes('contract.unknown-header'));
    assert.ok(monitored.includes('contract.unknown-cookie'));
  });

  test('undeclared paths are 404 and undeclared methods 405 with Allow', async () => {
    const shadow = await problem('/api/v1/admin/export');
    assert.equal(shadow.httpStatus, 404);
    assert.equal(shadow.ruleId, 'contract.unknown-path');
    const method = await problem('/api/v1/users/7', { method: 'PUT', headers: KEY });
    assert.equal(method.httpStatus, 405);
    assert.equal(method.headers.allow, 'DELETE, GET, HEAD');
    const outsideBase = await problem('/api/v2/users');
    assert.equal(outsideBase.ruleId, 'contract.unknown-path');
  });

  test('missing credentials are 401 with a challenge; present ones pass to the upstream', async () => {
    const noKey = await problem('/api/v1/users/7', { method: 'DELETE' });
    assert.equal(noKey.httpStatus, 401);
    assert.equal(noKey.ruleId, 'contract.security-missing');
    assert.equal(noKey.headers['www-authenticate'], 'ApiKey realm="api", in="header", name="X-API-Key"');
    assert.equal((await call(`${gw.url}/api/v1/users/7`, { method: 'DELETE', headers: KEY })).status, 200);
    assert.equal((await problem('/api/v1/users/me')).httpStatus, 401);
    assert.equal((await call(`${gw.url}/api/v1/users/me`, { headers: { authorization: 'Bearer abc' } })).status, 200);
  });

  const json = (value: unknown) => ({ method: 'POST' as const, headers: { ...KEY, 'content-type': 'application/json' }, body: JSON.stringify(value) });

  test('JSON bodies: valid, invalid (every location), read-only, mass assignment, missing, malformed', async () => {
    assert.equal((await call(`${gw.url}/api/v1/users`, json({ name: 'ann', password: 'hunter22', address: { zip: '01234' } }))).status, 200);
    const invalid = await problem('/api/v1/users', json({ name: 5, password: 'hunter22', address: { zip: 'abc' } }));
    assert.equal(invalid.httpStatus, 422);
    assert.equal(invalid.ruleId, 'contract.body-invalid');
    assert.deepEqual(invalid.errors?.map((e) => e.location).sort(), ['body.$.address.zip', 'body.$.name']);
    const readOnly = await problem('/api/v1/users', json({ id: 9, name: 'ann', password: 'hunter22' }));
    assert.equal(readOnly.ruleId, 'contract.read-only-property');
    assert.deepEqual(readOnly.errors?.map((e) => e.location), ['body.$.id']);
    const mass = await problem('/api/v1/users', json({ name: 'ann', password: 'hunter22', isAdmin: true }));
    assert.equal(mass.ruleId, 'contract.mass-assignment');
    assert.deepEqual(mass.errors?.map((e) => e.location), ['body.$.isAdmin']);
    const pollution = await problem('/api/v1/users', { ...json({}), body: '{"name":"ann","password":"hunter22","__proto__":{"isAdmin":true}}' });
    assert.equal(pollution.ruleId, 'contract.mass-assignment', 'a __proto__ key is a property like any other, and not declared');
    const missing = await problem('/api/v1/users', { method: 'POST', headers: KEY });
    assert.equal(missing.ruleId, 'contract.body-required');
    // The limits stage, earlier in the pipeline, already refuses JSON that does not parse.
    const malformed = await problem('/api/v1/users', { ...json({}), body: '{"name": ' });
    assert.equal(malformed.ruleId, 'limits.json-invalid');
    const media = await problem('/api/v1/users', { method: 'POST', headers: { ...KEY, 'content-type': 'text/csv' }, body: 'a,b' });
    assert.equal(media.httpStatus, 415);
    assert.equal(media.ruleId, 'contract.content-type-unsupported');
  });

  test('undeclared properties: monitored by default, enforced where the document says so', async () => {
    assert.equal((await call(`${gw.url}/api/v1/notes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"hi"}' })).status, 200);
    const extra = await problem('/api/v1/notes', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"hi","owner":"eve"}' });
    assert.equal(extra.ruleId, 'contract.undeclared-property');
    assert.deepEqual(extra.errors?.map((e) => e.location), ['body.$.owner']);
    const longText = await problem('/api/v1/notes', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'far too long for ten' });
    assert.equal(longText.ruleId, 'contract.body-invalid');
  });

  test('form bodies are validated with the same schema', async () => {
    const form = (body: string) => ({ method: 'POST' as const, headers: { ...KEY, 'content-type': 'application/x-www-form-urlencoded' }, body });
    assert.equal((await call(`${gw.url}/api/v1/users`, form('name=ann&password=hunter22&tags=a&tags=b'))).status, 200);
    assert.equal((await problem('/api/v1/users', form('name=ann&password=short'))).ruleId, 'contract.body-invalid');
    assert.equal((await problem('/api/v1/users', form('name=ann&password=hunter22&role=admin'))).ruleId, 'contract.mass-assignment');
  });

  test('XML bodies are parsed safely: billion laughs and XXE never expand', async () => {
    const xml = (body: string) => ({ method: 'POST' as const, headers: { ...KEY, 'content-type': 'application/xml' }, body });
    assert.equal((await call(`${gw.url}/api/v1/users`, xml('<user><name>ann</name><password>hunter22</password></user>'))).status, 200);
    assert.equal((await problem('/api/v1/users', xml('<user><name>ann</name><password>hunter22</password><isAdmin>true</isAdmin></user>'))).ruleId, 'contract.mass-assignment');
    const lol = ['<?xml version="1.0"?>', '<!DOCTYPE lolz [', '<!ENTITY lol "lol">',
      ...Array.from({ length: 8 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`),
      ']>', '<user><name>&lol8;</name></user>'].join('\n');
    const bomb = await problem('/api/v1/users', xml(lol));
    assert.equal(bomb.ruleId, 'contract.body-malformed');
    const xxe = await problem('/api/v1/users', xml('<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "file:///etc/passwd">]><user><name>&x;</name></user>'));
    assert.equal(xxe.ruleId, 'contract.body-malformed');
    assert.doesNotMatch(xxe.detail, /passwd/);
  });

  test('multipart uploads: declared file types only, checked against the bytes', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);
    const pdf = Buffer.from('%PDF-1.7\n%fake\n');
    const upload = async (bytes: Buffer, type: string, caption = 'me') => {
      const form = new FormData();
      form.append('caption', caption);
      form.append('file', new Blob([bytes], { type }), 'avatar.png');
      const encoded = new Response(form);
      const body = Buffer.from(await encoded.arrayBuffer());
      return call(`${gw.url}/api/v1/avatars`, { method: 'POST', headers: { 'content-type': encoded.headers.get('content-type') ?? '' }, body });
    };
    assert.equal((await upload(png, 'image/png')).status, 200);
    const disguised = await upload(pdf, 'image/png');
    assert.equal(disguised.status, 415);
    assert.equal((disguised.json() as Problem).ruleId, 'contract.file-type-not-allowed');
    assert.equal((await upload(png, 'application/x-msdownload')).status, 415);
    const longCaption = await upload(png, 'image/png', 'x'.repeat(40));
    assert.equal((longCaption.json() as Problem).ruleId, 'contract.body-invalid');
  });

  test('x-bulwark-rules in the document relaxes a rule for one operation', async () => {
    assert.equal((await call(`${gw.url}/api/v1/search?q=ab&utm_source=x`)).status, 200);
    assert.equal((await problem('/api/v1/search?q=a')).ruleId, 'contract.parameter-invalid');
  });

  test('every denial is a stored event with the operation', async () => {
    const events = await gw.events();
    const massAssignment = events.find((e) => e.ruleId === 'contract.mass-assignment');
    assert.equal(massAssignment?.action, 'blocked');
    assert.equal(massAssignment?.operation, 'POST /users');
    assert.equal(massAssignment?.evidence?.location, 'body.$.isAdmin');
  });
});

describe('a real Swagger 2.0 document (the Petstore, from @readme/oas-examples)', () => {
  test('parameters, security, JSON and XML bodies and uploads are enforced as declared', async () => {
    const petstore = createRequire(import.meta.url).resolve('@readme/oas-examples/2.0/json/petstore.json');
    const api = await startUpstream();
    const gw = await startTestGateway(`${listenerYaml()}
routes:
${route('petstore', api.url, `    openapi: { document: ${JSON.stringify(petstore)} }
    stages:
      limits: { headers: { rejectUnderscores: false } }  # the Petstore's API key header is api_key`)}`);
    const auth = { authorization: 'Bearer t0k3n' };
    const ruleOf = async (path: string, options: Parameters<typeof request>[1] = {}) => {
      const answer = await call(`${gw.url}${path}`, options);
      return answer.status === 200 ? 'ok' : `${answer.status} ${(answer.json() as Problem).ruleId} ${((answer.json() as Problem).errors ?? []).map((e) => e.location).join(',')}`.trim();
    };
    try {
      assert.equal(await ruleOf('/v2/pet/findByStatus?status=available&status=sold', { headers: auth }), 'ok');
      assert.equal(await ruleOf('/v2/pet/findByStatus?status=lost', { headers: auth }), '400 contract.parameter-invalid query.status[0]');
      assert.equal(await ruleOf('/v2/pet/findByStatus?status=sold'), '401 contract.security-missing');
      assert.equal(await ruleOf('/v2/pet/abc', { headers: { api_key: 'k' } }), '400 contract.parameter-invalid path.petId');
      const json = (body: unknown) => ({ method: 'POST' as const, headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      assert.equal(await ruleOf('/v2/pet', json({ name: 'rex', photoUrls: ['https://example.com/rex.png'], tags: [{ id: 1, name: 'good' }] })), 'ok');
      assert.equal(await ruleOf('/v2/pet', json({ name: 'rex' })), '422 contract.body-invalid body.$.photoUrls');
      assert.equal(await ruleOf('/v2/pet', json({ name: 'rex', photoUrls: [], status: 'lost' })), '422 contract.body-invalid body.$.status');
      const xml = (body: string) => ({ method: 'POST' as const, headers: { ...auth, 'content-type': 'application/xml' }, body });
      assert.equal(await ruleOf('/v2/pet', xml('<Pet><name>rex</name><photoUrls><photoUrl>a.png</photoUrl><photoUrl>b.png</photoUrl></photoUrls></Pet>')), 'ok');
      assert.equal(await ruleOf('/v2/pet', xml('<Pet><photoUrls><photoUrl>a.png</photoUrl></photoUrls></Pet>')), '422 contract.body-invalid body.$.name');
      const form = new FormData();
      form.append('additionalMetadata', 'a photo');
      form.append('file', new Blob([Buffer.from([0xff, 0xd8, 0xff, 0xe0])], { type: 'image/jpeg' }), 'rex.jpg');
      const encoded = new Response(form);
      assert.equal(await ruleOf('/v2/pet/7/uploadImage', { method: 'POST', headers: { ...auth, 'content-type': encoded.headers.get('content-type') ?? '' }, body: Buffer.from(await encoded.arrayBuffer()) }), 'ok');
      assert.equal(await ruleOf('/v2/store/inventory', { headers: { api_key: 'k' } }), 'ok');
      assert.equal(await ruleOf('/v2/store/order/5', { method: 'PATCH' }), '405 contract.method-not-allowed');
    } finally {
      await gw.close();
      await api.close();
    }
  });
});

describe('contract stage modes and overrides', () => {
  test('monitor mode forwards what enforce would refuse; config overrides beat the document', async () => {
    const api = await startUpstream();
    const gw = await startTestGateway(`${listenerYaml()}
routes:
${route('shop', api.url, `    openapi: { document: ${JSON.stringify(SHOP)} }
    stages:
      contract:
        rules: { unknown-path: monitor }
        operations:
          search: { rules: { unknown-query: enforce } }`)}`);
    try {
      assert.equal((await call(`${gw.url}/api/v1/shadow`)).status, 200);
      assert.equal((await call(`${gw.url}/api/v1/search?q=ab&utm_source=x`)).status, 400);
      const events = await gw.events();
      assert.ok(events.some((e) => e.ruleId === 'contract.unknown-path' && e.action === 'monitored'));
    } finally {
      await gw.close();
      await api.close();
    }
  });
});

describe('contract-response stage', () => {
  let api: TestUpstream;
  before(async () => {
    api = await startUpstream(upstreamAnswers);
  });
  after(async () => api.close());

  async function gatewayWith(stageYaml: string): Promise<TestGateway> {
    return startTestGateway(`${listenerYaml()}
stages:
${stageYaml}
routes:
${route('shop', api.url, `    openapi: { document: ${JSON.stringify(SHOP)} }`)}`);
  }

  test('monitor (the default) lets drift through and records it', async () => {
    const gw = await gatewayWith('  contract-response: {}');
    try {
      assert.equal((await call(`${gw.url}/api/v1/users/2`)).status, 200);
      assert.equal((await call(`${gw.url}/api/v1/users/3`)).status, 500);
      const monitored = (await gw.events()).filter((e) => e.action === 'monitored').map((e) => e.ruleId);
      assert.ok(monitored.includes('contract-response.body-invalid'));
      assert.ok(monitored.includes('contract-response.status-undeclared'));
    } finally {
      await gw.close();
    }
  });

  test('enforce replaces a response that breaks the contract with a 502', async () => {
    const gw = await gatewayWith('  contract-response: { mode: enforce }');
    try {
      const invalid = await call(`${gw.url}/api/v1/users/2`);
      assert.equal(invalid.status, 502);
      assert.equal((invalid.json() as Problem).ruleId, 'contract-response.body-invalid');
      assert.doesNotMatch(invalid.text, /two/);
      assert.equal(((await call(`${gw.url}/api/v1/users/3`)).json() as Problem).ruleId, 'contract-response.status-undeclared');
      assert.equal(((await call(`${gw.url}/api/v1/users/4`)).json() as Problem).ruleId, 'contract-response.content-type-undeclared');
      const leak = await call(`${gw.url}/api/v1/users/1`);
      assert.equal(leak.status, 502);
      assert.doesNotMatch(leak.text, /hunter22|078-05/);
    } finally {
      await gw.close();
    }
  });

  test('strip removes write-only and undeclared properties, at every depth', async () => {
    const gw = await gatewayWith('  contract-response: { mode: enforce, strip: { undeclared: true, writeOnly: true } }');
    try {
      const answer = await call(`${gw.url}/api/v1/users/1`);
      assert.equal(answer.status, 200, answer.text);
      assert.deepEqual(answer.json(), { id: 1, name: 'ann', address: { city: 'Oslo', zip: '01234' } });
      assert.equal(answer.headers['content-length'], String(Buffer.byteLength(answer.text)));
      const events = (await gw.events()).filter((e) => e.action === 'blocked').map((e) => e.ruleId).sort();
      assert.deepEqual(events, ['contract-response.undeclared-property', 'contract-response.write-only-property']);
    } finally {
      await gw.close();
    }
  });

  test('a body over maxBodyBytes streams through uninspected, with an event', async () => {
    const gw = await gatewayWith('  contract-response: { mode: enforce, maxBodyBytes: 1kb }');
    try {
      const answer = await call(`${gw.url}/api/v1/users/5`);
      assert.equal(answer.status, 200);
      assert.equal((answer.json() as { tags: string[] }).tags.length, 5000);
      assert.ok((await gw.events()).some((e) => e.ruleId === 'gateway.response-uninspected'));
    } finally {
      await gw.close();
    }
  });
});

describe('documents at load and reload', () => {
  test('an invalid document stops start-up with file, line and JSON pointer', async () => {
    const api = await startUpstream();
    const dir = (await import('node:fs')).mkdtempSync(join((await import('node:os')).tmpdir(), 'bulwark-doc-'));
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'openapi: 3.0.3\ninfo: { title: t, version: "1" }\npaths:\n  /a:\n    get:\n      responses:\n        "200": { descriptio: x }\n');
    try {
      await assert.rejects(startTestGateway(`${listenerYaml()}
routes:
${route('a', api.url, `    openapi: { document: ${JSON.stringify(bad)} }`)}`), (error: unknown) => {
        assert.ok(isBulwarkError(error));
        assert.equal(error.code, 'CONTRACT_DOCUMENT_INVALID');
        assert.match(error.message, /bad\.yaml:7:\d+: \/paths\/~1a\/get\/responses\/200 /);
        return true;
      });
    } finally {
      await api.close();
    }
  });

  test('a change of the document is picked up without a signal', async () => {
    const api = await startUpstream();
    const dir = (await import('node:fs')).mkdtempSync(join((await import('node:os')).tmpdir(), 'bulwark-doc-'));
    const doc = join(dir, 'api.yaml');
    const paths = (names: string[]) => `openapi: 3.1.0\ninfo: { title: t, version: "1" }\npaths:\n${names.map((n) => `  /${n}:\n    get:\n      responses:\n        "200": { description: ok }\n`).join('')}`;
    writeFileSync(doc, paths(['a']));
    const gw = await startTestGateway(`${listenerYaml()}
routes:
${route('a', api.url, `    openapi: { document: ${JSON.stringify(doc)} }`)}`, { watch: true });
    try {
      assert.equal((await call(`${gw.url}/b`)).status, 404);
      writeFileSync(doc, paths(['a', 'b']));
      const deadline = Date.now() + 5000;
      let status = 404;
      while (status !== 200 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        status = (await call(`${gw.url}/b`)).status;
      }
      assert.equal(status, 200, 'the new operation is served after the document changed');
    } finally {
      await gw.close();
      await api.close();
    }
  });

  test('a reload with a broken document keeps serving with the last good one', async () => {
    const api = await startUpstream();
    const dir = (await import('node:fs')).mkdtempSync(join((await import('node:os')).tmpdir(), 'bulwark-doc-'));
    const doc = join(dir, 'api.yaml');
    writeFileSync(doc, 'openapi: 3.1.0\ninfo: { title: t, version: "1" }\npaths:\n  /a:\n    get:\n      responses:\n        "200": { description: ok }\n');
    const gw = await startTestGateway(`${listenerYaml()}
routes:
${route('a', api.url, `    openapi: { document: ${JSON.stringify(doc)} }`)}`);
    try {
      assert.equal((await call(`${gw.url}/a`)).status, 200);
      writeFileSync(doc, 'openapi: 3.1.0\npaths: [');
      const result = await gw.running.reload();
      assert.equal(result.ok, false);
      assert.equal((await call(`${gw.url}/a`)).status, 200);
      assert.equal((await call(`${gw.url}/b`)).status, 404);
    } finally {
      await gw.close();
      await api.close();
    }
  });
});
