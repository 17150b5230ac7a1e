// The headers stage as the core builds it: config through validate() + stageConfigSchema, then the
// security headers, banner removal, no-store, static headers and the CORS policy on both phases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingHttpHeaders } from 'node:http';
import { isBulwarkError } from '../../../core/errors.js';
import type { Consumer } from '../../../core/types.js';
import type { RequestContext, ResponseHead } from '../../request-context.js';
import type { Stage } from '../../stage.js';
import type { Verdict } from '../../verdict.js';
import { headersStage } from './index.js';
import { createTestStage } from '../../../../test/helpers/stage.js';

type Headers = ResponseHead['headers'];

function stageOf(raw: Record<string, unknown> = {}): Stage {
  return createTestStage(headersStage, raw);
}

interface RequestShape { method?: string; protocol?: 'http' | 'https'; headers?: IncomingHttpHeaders; consumer?: Consumer }

function contextOf({ method = 'GET', protocol = 'https', headers = {}, consumer }: RequestShape = {}): RequestContext {
  return {
    id: 'req-1', startedAt: 0, method, url: '/items', path: '/items', query: '', headers, rawHeaders: [],
    protocol, host: 'api.example.com', remoteAddress: '192.0.2.1', clientIp: '192.0.2.1', routeName: 'default',
    bodyLimit: { maxBytes: 1024, maxInflateRatio: 100 }, events: [], ...(consumer ? { consumer } : {}),
  };
}

/** Runs onRequest (if any) then onResponse, as the gateway does; returns the request verdict and final headers. */
function run(stage: Stage, ctx: RequestContext, upstream: Headers = {}, isLocal = false): { verdict: Verdict | undefined; headers: Headers } {
  const verdict = stage.onRequest?.(ctx);
  assert.ok(!(verdict instanceof Promise));
  const head: ResponseHead = verdict?.action === 'reply'
    ? { status: verdict.status, headers: { ...verdict.headers }, isLocal: true }
    : { status: 200, headers: { ...upstream }, isLocal };
  assert.ok(stage.onResponse !== undefined);
  assert.equal(stage.onResponse(ctx, head).action, 'continue');
  return { verdict, headers: head.headers };
}

function responseHeaders(raw: Record<string, unknown>, request: RequestShape = {}, upstream: Headers = {}, isLocal = false): Headers {
  return run(stageOf(raw), contextOf(request), upstream, isLocal).headers;
}

function expectConfigError(raw: Record<string, unknown>, key: string): void {
  assert.throws(() => stageOf(raw), (error: unknown) => {
    assert.ok(isBulwarkError(error));
    assert.equal(error.code, 'CONFIG_INVALID');
    assert.ok(error.message.startsWith(`${key}: `), error.message);
    return true;
  });
}

test('defaults: enabled, fails open, no request phase when CORS is off', () => {
  assert.equal(headersStage.enabledByDefault, true);
  assert.equal(headersStage.defaultFailurePolicy, 'open');
  assert.ok(stageOf().onRequest === undefined);
});

test('default security headers on an https response', () => {
  assert.deepEqual(responseHeaders({}, {}, { 'content-type': 'application/json' }), {
    'content-type': 'application/json',
    'strict-transport-security': 'max-age=31536000; includeSubDomains',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'content-security-policy': "frame-ancestors 'none'",
    'referrer-policy': 'no-referrer',
  });
});

test('HSTS is only sent over https (RFC 6797 §7.2)', () => {
  assert.equal(responseHeaders({}, { protocol: 'http' })['strict-transport-security'], undefined);
  assert.ok(responseHeaders({}, { protocol: 'https' })['strict-transport-security']);
});

test('HSTS options: maxAge in seconds, preload, disabled, and upstream value kept', () => {
  assert.equal(responseHeaders({ hsts: { maxAge: '730d', preload: true } })['strict-transport-security'],
    'max-age=63072000; includeSubDomains; preload');
  assert.equal(responseHeaders({ hsts: { maxAge: '1h', includeSubDomains: false } })['strict-transport-security'], 'max-age=3600');
  assert.equal(responseHeaders({ hsts: { enabled: false } })['strict-transport-security'], undefined);
  assert.equal(responseHeaders({}, {}, { 'strict-transport-security': 'max-age=60' })['strict-transport-security'], 'max-age=60');
});

test('HSTS preload without includeSubDomains or a year is refused', () => {
  expectConfigError({ hsts: { preload: true, includeSubDomains: false } }, 'hsts.preload');
  expectConfigError({ hsts: { preload: true, maxAge: '30d' } }, 'hsts.preload');
});

test('upstream security headers are not overwritten; an upstream CSP is left alone', () => {
  const upstream = {
    'x-content-type-options': 'nosniff', 'x-frame-options': 'SAMEORIGIN',
    'content-security-policy': "default-src 'self'", 'referrer-policy': 'same-origin',
  };
  const headers = responseHeaders({}, {}, upstream);
  assert.equal(headers['x-frame-options'], 'SAMEORIGIN');
  assert.equal(headers['content-security-policy'], "default-src 'self'");
  assert.equal(headers['referrer-policy'], 'same-origin');
});

test('frameOptions SAMEORIGIN and off; referrerPolicy off; contentTypeOptions off', () => {
  const same = responseHeaders({ frameOptions: 'SAMEORIGIN' });
  assert.equal(same['x-frame-options'], 'SAMEORIGIN');
  assert.equal(same['content-security-policy'], "frame-ancestors 'self'");
  const off = responseHeaders({ frameOptions: 'off', referrerPolicy: 'off', contentTypeOptions: false });
  for (const name of ['x-frame-options', 'content-security-policy', 'referrer-policy', 'x-content-type-options']) assert.equal(off[name], undefined, name);
  assert.equal(responseHeaders({ referrerPolicy: 'strict-origin-when-cross-origin' })['referrer-policy'], 'strict-origin-when-cross-origin');
});

test('version banners are removed, configurably', () => {
  const upstream = { server: 'nginx/1.25.3', 'x-powered-by': 'Express', 'X-AspNet-Version': 'x', 'x-aspnet-version': '4.0', 'x-runtime': '0.1', etag: '"1"' };
  const headers = responseHeaders({}, {}, upstream);
  for (const name of ['server', 'x-powered-by', 'x-aspnet-version', 'x-runtime']) assert.equal(headers[name], undefined, name);
  assert.equal(headers.etag, '"1"');
  const custom = responseHeaders({ removeHeaders: ['ETag'] }, {}, upstream);
  assert.equal(custom.etag, undefined);
  assert.equal(custom.server, 'nginx/1.25.3');
});

test('Cache-Control: no-store is forced on responses to authenticated requests', () => {
  const upstream = { 'cache-control': 'public, max-age=3600' };
  for (const headers of [{ authorization: 'Bearer x' }, { cookie: 'sid=1' }, { 'x-api-key': 'k' }]) {
    assert.equal(responseHeaders({}, { headers }, upstream)['cache-control'], 'no-store', JSON.stringify(headers));
  }
  const consumer: Consumer = { id: 'svc', kind: 'mtls', scopes: [], roles: [], groups: [] };
  assert.equal(responseHeaders({}, { consumer }, upstream)['cache-control'], 'no-store');
  assert.equal(responseHeaders({}, { consumer: { ...consumer, kind: 'anonymous' } }, upstream)['cache-control'], 'public, max-age=3600');
  assert.equal(responseHeaders({}, {}, upstream)['cache-control'], 'public, max-age=3600');
  assert.equal(responseHeaders({ apiKeyHeaders: ['X-Key'] }, { headers: { 'x-key': 'k' } }, upstream)['cache-control'], 'no-store');
  assert.equal(responseHeaders({ apiKeyHeaders: ['X-Key'] }, { headers: { 'x-api-key': 'k' } }, upstream)['cache-control'], 'public, max-age=3600');
  assert.equal(responseHeaders({ noStoreWhenAuthenticated: false }, { headers: { authorization: 'x' } }, upstream)['cache-control'], 'public, max-age=3600');
});

test('security headers also go on local replies', () => {
  const headers = responseHeaders({}, { headers: { authorization: 'x' } }, { 'content-type': 'application/problem+json' }, true);
  assert.equal(headers['x-content-type-options'], 'nosniff');
  assert.equal(headers['cache-control'], 'no-store');
});

test('static headers are added (replacing upstream values) after banner removal', () => {
  const headers = responseHeaders({ add: { 'Permissions-Policy': 'geolocation=()', Server: 'bulwark' } }, {}, { server: 'Apache/2.4', 'permissions-policy': 'camera=*' });
  assert.equal(headers['permissions-policy'], 'geolocation=()');
  assert.equal(headers.server, 'bulwark');
});

test('invalid static headers and header names are refused with their key', () => {
  expectConfigError({ add: { 'X-Bad': 'a\r\nSet-Cookie: x=1' } }, 'add.X-Bad');
  expectConfigError({ add: { 'X-Bad': 'nul\u0000' } }, 'add.X-Bad');
  expectConfigError({ add: { 'Bad Name': 'v' } }, 'add.Bad Name');
  expectConfigError({ add: { 'x:y': 'v' } }, 'add.x:y');
  expectConfigError({ add: { 'Content-Length': '0' } }, 'add.Content-Length');
  expectConfigError({ removeHeaders: ['ok', 'not ok'] }, 'removeHeaders[1]');
  expectConfigError({ apiKeyHeaders: ['x\n'] }, 'apiKeyHeaders[0]');
});

// ---- CORS ----

const CORS = { enabled: true, allowOrigins: ['https://app.example.com', 'https://*.example.org'], allowCredentials: true, exposeHeaders: ['X-Request-Id'] };

function preflight(origin: string, method = 'PUT', requestHeaders?: string): RequestShape {
  return {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': method, ...(requestHeaders === undefined ? {} : { 'access-control-request-headers': requestHeaders }) },
  };
}

test('preflight from an allowed origin is answered 204 with the CORS headers', () => {
  const { verdict, headers } = run(stageOf({ cors: CORS }), contextOf(preflight('https://app.example.com', 'PUT', 'content-type,authorization')));
  assert.equal(verdict?.action, 'reply');
  assert.equal(verdict.action === 'reply' ? verdict.status : 0, 204);
  assert.equal(headers['access-control-allow-origin'], 'https://app.example.com');
  assert.equal(headers['access-control-allow-credentials'], 'true');
  assert.equal(headers['access-control-allow-methods'], 'GET, HEAD, POST, PUT, PATCH, DELETE');
  assert.equal(headers['access-control-allow-headers'], 'authorization, content-type');
  assert.equal(headers['access-control-max-age'], '600');
  assert.equal(headers.vary, 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers');
  assert.equal(headers['x-content-type-options'], 'nosniff', 'security headers on the local reply too');
});

test('preflight from a subdomain pattern origin is answered', () => {
  const { verdict, headers } = run(stageOf({ cors: CORS }), contextOf(preflight('https://a.b.example.org', 'GET')));
  assert.equal(verdict?.action, 'reply');
  assert.equal(headers['access-control-allow-origin'], 'https://a.b.example.org');
});

const deniedPreflights: [RequestShape, string][] = [
  [preflight('https://evil.example.net'), 'unlisted origin'],
  [preflight('https://evil-example.org'), 'lookalike of the pattern'],
  [preflight('https://example.org.evil.net'), 'pattern domain under another'],
  [preflight('null'), 'opaque origin'],
  [preflight('https://app.example.com', 'TRACE'), 'method not allowed'],
  [preflight('https://app.example.com', 'put'), 'methods are case-sensitive'],
  [preflight('https://app.example.com', 'GET', 'content-type, x-internal-debug'), 'header not allowed'],
  [preflight('https://app.example.com', 'GET', 'bad header'), 'header not a token'],
];

for (const [request, why] of deniedPreflights) {
  test(`preflight denied 403 headers.cors-preflight-denied: ${why}`, () => {
    const { verdict } = run(stageOf({ cors: CORS }), contextOf(request));
    assert.ok(verdict?.action === 'deny');
    assert.equal(verdict.status, 403);
    assert.equal(verdict.ruleId, 'headers.cors-preflight-denied');
    assert.ok(headersStage.rules.some((rule) => rule.id === verdict.ruleId));
  });
}

test('OPTIONS without Access-Control-Request-Method is not a preflight', () => {
  const { verdict } = run(stageOf({ cors: CORS }), contextOf({ method: 'OPTIONS', headers: { origin: 'https://evil.net' } }));
  assert.equal(verdict?.action, 'continue');
});

test('actual request from an allowed origin gets its origin, credentials, expose headers and Vary', () => {
  const headers = responseHeaders({ cors: CORS }, { headers: { origin: 'https://app.example.com' } }, { vary: 'Accept-Encoding' });
  assert.equal(headers['access-control-allow-origin'], 'https://app.example.com');
  assert.equal(headers['access-control-allow-credentials'], 'true');
  assert.equal(headers['access-control-expose-headers'], 'X-Request-Id');
  assert.equal(headers.vary, 'Accept-Encoding, Origin');
});

test('credentials are never granted to an unlisted origin, even when the upstream reflects it', () => {
  const upstream = {
    'access-control-allow-origin': 'https://evil.net', 'access-control-allow-credentials': 'true',
    'access-control-expose-headers': 'x-secret', 'access-control-allow-methods': '*',
  };
  const headers = responseHeaders({ cors: CORS }, { headers: { origin: 'https://evil.net', cookie: 'sid=1' } }, upstream);
  for (const name of Object.keys(upstream)) assert.equal(headers[name], undefined, name);
  assert.equal(headers.vary, 'Origin');
});

test('upstream CORS headers are replaced by the policy for a listed origin', () => {
  const upstream = { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'x-secret' };
  const headers = responseHeaders({ cors: CORS }, { headers: { origin: 'https://app.example.com' } }, upstream);
  assert.equal(headers['access-control-allow-origin'], 'https://app.example.com');
  assert.equal(headers['access-control-expose-headers'], 'X-Request-Id');
});

test('no Origin: no CORS grant, upstream CORS headers still removed, Vary: Origin set', () => {
  const headers = responseHeaders({ cors: CORS }, {}, { 'access-control-allow-origin': '*' });
  assert.equal(headers['access-control-allow-origin'], undefined);
  assert.equal(headers.vary, 'Origin');
});

test('wildcard without credentials answers "*" and never sends credentials', () => {
  const stage = stageOf({ cors: { enabled: true, allowOrigins: ['*'] } });
  const { verdict, headers } = run(stage, contextOf(preflight('https://anyone.test', 'GET')));
  assert.equal(verdict?.action, 'reply');
  assert.equal(headers['access-control-allow-origin'], '*');
  assert.equal(headers['access-control-allow-credentials'], undefined);
  const actual = run(stage, contextOf({ headers: { origin: 'https://anyone.test' } })).headers;
  assert.equal(actual['access-control-allow-origin'], '*');
  assert.equal(actual['access-control-allow-credentials'], undefined);
});

test('wildcard allowHeaders (no credentials) answers with the names asked for, Authorization included', () => {
  const stage = stageOf({ cors: { enabled: true, allowOrigins: ['https://app.example.com'], allowHeaders: ['*'] } });
  const { verdict, headers } = run(stage, contextOf(preflight('https://app.example.com', 'GET', 'Authorization, X-Trace')));
  assert.equal(verdict?.action, 'reply');
  assert.equal(headers['access-control-allow-headers'], 'authorization, x-trace');
});

test('wildcard with credentials is refused, naming the key', () => {
  expectConfigError({ cors: { enabled: true, allowOrigins: ['https://app.example.com', '*'], allowCredentials: true } }, 'cors.allowOrigins[1]');
  expectConfigError({ cors: { enabled: true, allowOrigins: ['https://app.example.com'], allowCredentials: true, allowHeaders: ['*'] } }, 'cors.allowHeaders[0]');
  expectConfigError({ cors: { enabled: true, allowOrigins: ['https://app.example.com/'] } }, 'cors.allowOrigins[0]');
});

test('cors disabled: preflights go upstream and upstream CORS headers pass through', () => {
  const stage = stageOf({ cors: { ...CORS, enabled: false } });
  assert.ok(stage.onRequest === undefined);
  const upstream = { 'access-control-allow-origin': 'https://evil.net', 'access-control-allow-credentials': 'true' };
  const headers = run(stage, contextOf({ headers: { origin: 'https://evil.net' } }), upstream).headers;
  assert.equal(headers['access-control-allow-origin'], 'https://evil.net');
  assert.equal(headers.vary, undefined);
});

test('maxAge is emitted in seconds', () => {
  const { headers } = run(stageOf({ cors: { ...CORS, maxAge: '2h' } }), contextOf(preflight('https://app.example.com', 'GET')));
  assert.equal(headers['access-control-max-age'], '7200');
});

test('rule ids are unique and prefixed with the stage name', () => {
  const ids = headersStage.rules.map((rule) => rule.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const id of ids) assert.ok(id.startsWith('headers.'));
});
