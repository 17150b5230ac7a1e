// Varying a built request: one parameter or body field replaced and serialised like the original,
// and the list of places a payload can go.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OperationSpec } from '../../contract/index.js';
import { buildRequest } from './build-request.js';
import { injectionPoints, withBodyField, withParameter } from './mutate.js';

const OPERATION: OperationSpec = {
  method: 'POST', pathTemplate: '/shops/{shopId}/orders', basePaths: ['/api'], security: [], deprecated: false, extensions: {}, pointer: '', responses: [],
  parameters: [
    { name: 'shopId', in: 'path', style: 'simple', explode: false, shape: 'primitive', required: true, schema: { type: 'integer' } },
    { name: 'dryRun', in: 'query', style: 'form', explode: true, shape: 'primitive', required: true, schema: { type: 'boolean' } },
    { name: 'search', in: 'query', style: 'form', explode: true, shape: 'primitive', required: false, schema: { type: 'string' } },
    { name: 'x-tenant', in: 'header', style: 'simple', explode: false, shape: 'primitive', required: true, schema: { type: 'string', enum: ['acme'] } },
  ],
  requestBody: {
    required: true,
    content: [{
      mediaType: 'application/json',
      schema: { type: 'object', required: ['item', 'quantity', 'notes'], properties: { item: { type: 'string' }, quantity: { type: 'integer' }, notes: { type: 'array', items: { type: 'string' } } } },
    }],
  },
};

describe('mutate', () => {
  const built = buildRequest(OPERATION, { pathValues: { shopId: '42' } });

  it('starts from a valid request', () => {
    assert.equal(built.request.path, '/api/shops/42/orders?dryRun=true');
    assert.deepEqual(JSON.parse(built.request.body ?? ''), { item: 'example', quantity: 1, notes: ['example'] });
  });

  it('replaces a path parameter, encoded by default and raw on request', () => {
    assert.equal(withParameter(built, 'path', 'shopId', "1' OR '1'='1").request.path, "/api/shops/1'%20OR%20'1'%3D'1/orders?dryRun=true");
    assert.equal(withParameter(built, 'path', 'shopId', '..%2f..%2fadmin', { shouldEncode: false }).request.path, '/api/shops/..%2f..%2fadmin/orders?dryRun=true');
  });

  it('replaces or adds a query parameter and replaces a header', () => {
    assert.equal(withParameter(built, 'query', 'dryRun', 'a&b=c').request.path, '/api/shops/42/orders?dryRun=a%26b%3Dc');
    assert.equal(withParameter(built, 'query', 'search', '<script>').request.path, '/api/shops/42/orders?dryRun=true&search=%3Cscript%3E');
    assert.equal(withParameter(built, 'header', 'X-Tenant', 'other').request.headers?.['x-tenant'], 'other');
    assert.throws(() => withParameter(built, 'query', 'nope', 'x'));
  });

  it('replaces a JSON body field by pointer without touching the original', () => {
    const varied = withBodyField(built, '/notes/0', { $ne: null });
    assert.deepEqual(JSON.parse(varied.request.body ?? ''), { item: 'example', quantity: 1, notes: [{ $ne: null }] });
    assert.deepEqual(varied.bodyValue, { item: 'example', quantity: 1, notes: [{ $ne: null }] });
    assert.deepEqual(JSON.parse(built.request.body ?? ''), { item: 'example', quantity: 1, notes: ['example'] });
    assert.equal(withBodyField(built, '', 'raw').request.body, '"raw"');
    assert.throws(() => withBodyField(built, '/missing/x', 1));
    assert.throws(() => withBodyField(built, '/__proto__/polluted', 1), 'an inherited property is not a container');
    assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype untouched');
  });

  it('lists the injectable places with their schemas', () => {
    const points = injectionPoints(built).map((p) => `${p.location} ${p.name} ${JSON.stringify(p.schema)}`);
    assert.deepEqual(points, [
      'path shopId {"type":"integer"}',
      'query dryRun {"type":"boolean"}',
      'header x-tenant {"type":"string","enum":["acme"]}',
      'body /item {"type":"string"}',
      'body /notes/0 {"type":"string"}',
    ]);
  });
});
