// buildApiModel: Swagger 2.0 and OpenAPI 3.x normalised into one model. Real documents from
// @readme/oas-examples and small fixtures in test/fixtures/contract/.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { buildApiModel, type ApiModel, type OperationSpec, type ParameterSpec } from './api-model.js';
import { loadApiDocument, type LoadedDocument } from './load-document.js';
import { ruleModesFor, type RuleMode } from './rule-modes.js';

const examples = createRequire(import.meta.url);
const example = (name: string): string => examples.resolve(`@readme/oas-examples/${name}`);
const fixture = (name: string): string => join(import.meta.dirname, '../../test/fixtures/contract', name);

async function modelOf(file: string): Promise<{ loaded: LoadedDocument; model: ApiModel }> {
  const loaded = await loadApiDocument(file);
  return { loaded, model: buildApiModel(loaded) };
}

function operation(model: ApiModel, operationId: string): OperationSpec {
  const found = model.operations.find((op) => op.operationId === operationId);
  assert.ok(found, `operation ${operationId}`);
  return found;
}

function operationAt(model: ApiModel, method: string, pathTemplate: string): OperationSpec {
  const found = model.operations.find((op) => op.method === method && op.pathTemplate === pathTemplate);
  assert.ok(found, `${method} ${pathTemplate}`);
  return found;
}

function parameter(op: OperationSpec, location: string, name: string): ParameterSpec {
  const found = op.parameters.find((p) => p.in === location && p.name === name);
  assert.ok(found, `${location} parameter ${name} of ${op.method} ${op.pathTemplate}`);
  return found;
}

const serialization = (p: ParameterSpec) => ({ style: p.style, explode: p.explode, shape: p.shape });
const mediaTypes = (content: readonly { mediaType: string }[] | undefined): string[] => (content ?? []).map((m) => m.mediaType);

describe('buildApiModel: Swagger 2.0 (petstore)', () => {
  let petstore: { loaded: LoadedDocument; model: ApiModel };
  let definitions: Record<string, unknown>;
  before(async () => {
    petstore = await modelOf(example('2.0/json/petstore.json'));
    definitions = petstore.loaded.document.definitions as Record<string, unknown>;
  });

  it('names the document and keeps every operation, path by path, with its JSON pointer', () => {
    const { model } = petstore;
    assert.equal(model.dialect, 'openapi-2.0');
    assert.equal(model.title, 'Swagger Petstore');
    assert.equal(model.version, '1.0.0');
    assert.equal(model.operations.length, 20);
    assert.deepEqual(model.operations.slice(0, 3).map((op) => `${op.method} ${op.pathTemplate}`), ['PUT /pet', 'POST /pet', 'GET /pet/findByStatus']);
    assert.equal(operation(model, 'getPetById').pointer, '/paths/~1pet~1{petId}/get');
  });

  it('takes the base path from basePath, without a trailing slash', async () => {
    assert.ok(petstore.model.operations.every((op) => op.basePaths.length === 1 && op.basePaths[0] === '/v2'));
    const expanded = await modelOf(example('2.0/json/petstore-expanded.json'));
    assert.deepEqual(operation(expanded.model, 'findPets').basePaths, ['/api']);
    const formats = await modelOf(fixture('swagger-formats.yaml'));
    assert.deepEqual(operation(formats.model, 'search').basePaths, ['/api'], 'basePath: /api/');
  });

  it('turns a body parameter into a request body, one media type per `consumes` entry', () => {
    const addPet = operation(petstore.model, 'addPet');
    assert.equal(addPet.requestBody?.required, true);
    assert.deepEqual(mediaTypes(addPet.requestBody?.content), ['application/json', 'application/xml']);
    for (const media of addPet.requestBody.content) assert.equal(media.schema, definitions.Pet);
    assert.deepEqual(addPet.parameters, [], 'the body is not a parameter');
    // Without `consumes` anywhere, a body is JSON.
    assert.deepEqual(mediaTypes(operation(petstore.model, 'placeOrder').requestBody?.content), ['application/json']);
  });

  it('turns formData parameters into a form body with an object schema', () => {
    const form = operation(petstore.model, 'updatePetWithForm');
    assert.deepEqual(form.requestBody, {
      required: false,
      content: [{
        mediaType: 'application/x-www-form-urlencoded',
        schema: { type: 'object', properties: { name: { type: 'string' }, status: { type: 'string' } }, required: [] },
      }],
    });
    assert.deepEqual(form.parameters.map((p) => `${p.in}:${p.name}`), ['path:petId']);
  });

  it('turns formData with a file into a multipart body; the file is a binary string', () => {
    const upload = operation(petstore.model, 'uploadFile');
    assert.deepEqual(upload.requestBody, {
      required: false,
      content: [{
        mediaType: 'multipart/form-data',
        schema: {
          type: 'object',
          properties: { additionalMetadata: { type: 'string' }, file: { type: 'string', format: 'binary' } },
          required: [],
        },
      }],
    });
  });

  it('maps collectionFormat to style and explode', async () => {
    const status = parameter(operation(petstore.model, 'findPetsByStatus'), 'query', 'status');
    assert.deepEqual(serialization(status), { style: 'form', explode: true, shape: 'array' }, 'multi');
    assert.equal(status.required, true);
    const expanded = await modelOf(example('2.0/json/petstore-expanded.json'));
    assert.deepEqual(serialization(parameter(operation(expanded.model, 'findPets'), 'query', 'tags')), { style: 'form', explode: false, shape: 'array' }, 'csv');

    const search = operation((await modelOf(fixture('swagger-formats.yaml'))).model, 'search');
    assert.deepEqual(Object.fromEntries(search.parameters.map((p) => [`${p.in}:${p.name}`, [p.style, p.explode]])), {
      'query:csv': ['form', false], // csv is the default
      'query:ssv': ['spaceDelimited', false],
      'query:pipes': ['pipeDelimited', false],
      'query:multi': ['form', true],
      'query:tsv': ['form', false],
      'header:x-trace': ['simple', false],
      'query:limit': ['form', false],
    });
  });

  it('gathers the inline schema keywords of a non-body parameter into its schema', async () => {
    const search = operation((await modelOf(fixture('swagger-formats.yaml'))).model, 'search');
    assert.deepEqual(parameter(search, 'query', 'limit').schema, { type: 'integer', minimum: 1, maximum: 100, default: 10 });
    assert.deepEqual(parameter(search, 'query', 'multi').schema, { type: 'array', items: { type: 'integer' } });
    const getPet = operation(petstore.model, 'getPetById');
    assert.deepEqual(parameter(getPet, 'path', 'petId'), {
      name: 'petId', in: 'path', style: 'simple', explode: false, shape: 'primitive', required: true, schema: { type: 'integer', format: 'int64' },
    });
  });

  it('lowercases header parameter names', async () => {
    assert.equal(parameter(operation(petstore.model, 'deletePet'), 'header', 'api_key').style, 'simple');
    const search = operation((await modelOf(fixture('swagger-formats.yaml'))).model, 'search');
    assert.ok(search.parameters.some((p) => p.in === 'header' && p.name === 'x-trace'), 'X-Trace → x-trace');
  });

  it('turns securityDefinitions into security schemes', async () => {
    assert.deepEqual(petstore.model.securitySchemes, {
      petstore_auth: { type: 'oauth2' },
      api_key: { type: 'apiKey', in: 'header', name: 'api_key' },
    });
    assert.deepEqual((await modelOf(fixture('swagger-formats.yaml'))).model.securitySchemes, {
      basic: { type: 'http', scheme: 'basic' },
      key: { type: 'apiKey', in: 'query', name: 'api_key' },
    });
  });

  it('takes security from the operation, else the document; none means public', async () => {
    assert.deepEqual(operation(petstore.model, 'addPet').security, [{ petstore_auth: ['write:pets', 'read:pets'] }]);
    assert.deepEqual(operation(petstore.model, 'getPetById').security, [{ api_key: [] }]);
    assert.deepEqual(operation(petstore.model, 'placeOrder').security, []);
    assert.deepEqual(operation((await modelOf(fixture('swagger-formats.yaml'))).model, 'search').security, [{ basic: [] }]);
  });

  it('gives responses with a schema one media type per `produces` entry, and none without a schema', async () => {
    const getPet = operation(petstore.model, 'getPetById');
    assert.deepEqual(getPet.responses.map((r) => [r.status, mediaTypes(r.content)]), [
      ['200', ['application/xml', 'application/json']],
      ['400', []],
      ['404', []],
    ]);
    for (const media of getPet.responses[0]!.content) assert.equal(media.schema, definitions.Pet);
    assert.deepEqual(mediaTypes(operation(petstore.model, 'uploadFile').responses[0]?.content), ['application/json'], 'the operation\'s own produces');
    assert.deepEqual(operation(petstore.model, 'createUser').responses.map((r) => r.status), ['default']);
    const search = operation((await modelOf(fixture('swagger-formats.yaml'))).model, 'search');
    assert.deepEqual(mediaTypes(search.responses[0]?.content), ['application/json', 'text/csv'], 'the document\'s produces');
  });
});

describe('buildApiModel: OpenAPI 3.x', () => {
  let model: ApiModel;
  before(async () => {
    model = (await modelOf(fixture('model-openapi3.yaml'))).model;
  });

  it('takes base paths from the servers: path part only, variables by their defaults', async () => {
    const servers = (await modelOf(example('3.0/json/server-variables.json'))).model;
    assert.deepEqual(operationAt(servers, 'POST', '/global').basePaths, ['/v2', '/v1'], 'document servers, duplicates removed');
    assert.deepEqual(operationAt(servers, 'POST', '/operation').basePaths, ['/anything/demo', '/anything/alt/demo'], 'operation servers');
    assert.deepEqual(operationAt(servers, 'PUT', '/path').basePaths, ['/anything/common/demo', '/anything/alt-common/demo'], 'path item servers');
    assert.deepEqual(operationAt(servers, 'PUT', '/combo').basePaths, ['/anything/demo', '/anything/alt/demo'], 'the operation\'s servers over the path item\'s');
    assert.deepEqual(operation(model, 'getItem').basePaths, ['/v1', '/relative/base'], 'trailing slash dropped, relative URL kept');
    const petstore = (await modelOf(example('3.0/json/petstore.json'))).model;
    assert.deepEqual(operation(petstore, 'getPetById').basePaths, ['/v2']);
    const noServers = (await modelOf(fixture('recursive.yaml'))).model;
    assert.deepEqual(operation(noServers, 'putTree').basePaths, ['']);
  });

  it('merges path-level and operation-level parameters; the operation\'s win', () => {
    const get = operation(model, 'getItem');
    assert.deepEqual(get.parameters.map((p) => `${p.in}:${p.name}`), ['path:id', 'query:verbose', 'header:x-request-id', 'query:tags', 'cookie:session', 'query:filter']);
    assert.deepEqual(parameter(get, 'query', 'verbose').schema, { type: 'integer' }, 'operation-level verbose replaces the path-level one');
    const header = parameter(get, 'header', 'x-request-id');
    assert.equal(header.required, true, 'x-request-id replaces X-Request-ID: header names match case-insensitively');
    assert.deepEqual(header.schema, { type: 'string', format: 'uuid' });

    const remove = operation(model, 'deleteItem');
    assert.deepEqual(remove.parameters.map((p) => `${p.in}:${p.name}`), ['path:id', 'query:verbose', 'header:x-request-id'], 'path-level parameters only');
    assert.deepEqual(parameter(remove, 'query', 'verbose').schema, { type: 'boolean' });
    assert.equal(parameter(remove, 'header', 'x-request-id').required, false);
  });

  it('path parameters are required even when the document does not say so', () => {
    assert.equal(parameter(operation(model, 'getItem'), 'path', 'id').required, true);
  });

  it('defaults style and explode by location: form + explode for query and cookie, simple for path and header', async () => {
    const get = operation(model, 'getItem');
    assert.deepEqual(serialization(parameter(get, 'path', 'id')), { style: 'simple', explode: false, shape: 'primitive' });
    assert.deepEqual(serialization(parameter(get, 'query', 'tags')), { style: 'form', explode: true, shape: 'array' });
    assert.deepEqual(serialization(parameter(get, 'header', 'x-request-id')), { style: 'simple', explode: false, shape: 'primitive' });
    assert.deepEqual(serialization(parameter(get, 'cookie', 'session')), { style: 'form', explode: true, shape: 'primitive' });

    const styles = (await modelOf(example('3.0/json/parameters-style.json'))).model;
    const defaults = (method: string, path: string) => operationAt(styles, method, path).parameters.map((p) => [p.in, p.name, p.style, p.explode, p.shape]);
    assert.deepEqual(defaults('GET', '/anything/query'), [
      ['query', 'primitive', 'form', true, 'primitive'], ['query', 'array', 'form', true, 'array'], ['query', 'object', 'form', true, 'object'],
    ]);
    assert.deepEqual(defaults('GET', '/anything/path/{primitive}/{array}/{object}'), [
      ['path', 'primitive', 'simple', false, 'primitive'], ['path', 'array', 'simple', false, 'array'], ['path', 'object', 'simple', false, 'object'],
    ]);
    assert.deepEqual(defaults('GET', '/anything/headers'), [
      ['header', 'primitive', 'simple', false, 'primitive'], ['header', 'array', 'simple', false, 'array'], ['header', 'object', 'simple', false, 'object'],
    ]);
    assert.deepEqual(defaults('GET', '/cookies'), [
      ['cookie', 'primitive', 'form', true, 'primitive'], ['cookie', 'array', 'form', true, 'array'], ['cookie', 'object', 'form', true, 'object'],
    ]);
    // Declared styles are kept, and explode then defaults to false for anything but form.
    assert.deepEqual(defaults('GET', '/anything/query/pipeDelimited').map((p) => [p[2], p[3]]), [['pipeDelimited', false], ['pipeDelimited', false]]);
    assert.deepEqual(defaults('GET', '/anything/query/deepObject').map((p) => [p[2], p[3]]), [['deepObject', true]]);
    assert.deepEqual(defaults('GET', '/anything/query/form').map((p) => [p[2], p[3]]), [['form', false], ['form', false], ['form', false]]);
    assert.deepEqual(defaults('POST', '/anything/path/matrix/{primitive}/{array}/{object}').map((p) => [p[2], p[3]]), [['matrix', true], ['matrix', true], ['matrix', true]]);
  });

  it('reads a `content`-described parameter: its media type and schema, taken as one value', () => {
    const filter = parameter(operation(model, 'getItem'), 'query', 'filter');
    assert.equal(filter.mediaType, 'application/json');
    assert.deepEqual(filter.schema, { type: 'object', properties: { q: { type: 'string' } } });
    assert.equal(filter.shape, 'primitive', 'the whole value is one JSON text');
  });

  it('takes security from the operation (`security: []` makes it public), else from the document', () => {
    assert.deepEqual(operation(model, 'getItem').security, [{ apiKey: [] }]);
    assert.deepEqual(operation(model, 'deleteItem').security, []);
    assert.deepEqual(operation(model, 'createOrder').security, [{ bearer: ['orders:write'] }, { apiKey: [], bearer: [] }]);
    assert.deepEqual(model.securitySchemes, {
      apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
      bearer: { type: 'http', scheme: 'bearer' },
    });
  });

  it('keeps response status keys (ranges and default uppercased) and lowercases media types', () => {
    const get = operation(model, 'getItem');
    assert.deepEqual(get.responses.map((r) => [r.status, mediaTypes(r.content)]), [['200', ['application/json', 'application/xml']], ['4XX', []]]);
    assert.deepEqual(operation(model, 'createOrder').responses.map((r) => r.status), ['201', 'default']);
    assert.deepEqual(operation(model, 'createOrder').requestBody, {
      required: true,
      content: [{ mediaType: 'application/json', schema: { type: 'object', properties: { sku: { type: 'string' } } } }],
    });
    assert.equal(get.requestBody, undefined);
  });

  it('keeps x-bulwark-* extensions only, the most specific level winning for a rule', () => {
    const rules = (op: OperationSpec) => op.extensions['x-bulwark-rules'] as Record<string, string> | undefined;
    for (const op of model.operations) assert.deepEqual(Object.keys(op.extensions), ['x-bulwark-rules'], 'x-other-vendor is not ours');
    const get = rules(operation(model, 'getItem'));
    assert.equal(get?.['contract.unknown-header'], 'off', 'the operation over the path item');
    assert.equal(get?.['contract.unknown-cookie'], 'enforce');
    assert.equal(rules(operation(model, 'deleteItem'))?.['contract.unknown-header'], 'monitor', 'the path item over the document');
    assert.deepEqual(rules(operation(model, 'createOrder')), { 'contract.unknown-query': 'off' }, 'the document\'s');

    const configured: Record<'unknown-query' | 'unknown-header' | 'unknown-cookie', RuleMode> = { 'unknown-query': 'enforce', 'unknown-header': 'enforce', 'unknown-cookie': 'monitor' };
    assert.deepEqual(ruleModesFor(operation(model, 'createOrder'), 'contract', configured, {}), { 'unknown-query': 'off', 'unknown-header': 'enforce', 'unknown-cookie': 'monitor' });
    assert.equal(ruleModesFor(operation(model, 'deleteItem'), 'contract', configured, {})['unknown-header'], 'monitor');
    const getModes = ruleModesFor(operation(model, 'getItem'), 'contract', configured, {});
    assert.equal(getModes['unknown-header'], 'off');
    assert.equal(getModes['unknown-cookie'], 'enforce');
    // Levels merge rule by rule: the document's unknown-query survives below a path item and an
    // operation that set other rules.
    assert.deepEqual(getModes, { 'unknown-query': 'off', 'unknown-header': 'off', 'unknown-cookie': 'enforce' });
    assert.equal(ruleModesFor(operation(model, 'deleteItem'), 'contract', configured, {})['unknown-query'], 'off');
  });

  it('models a large real document: ReadMe\'s API (3.1) and Star Trek (3.0)', async () => {
    const readme = (await modelOf(example('3.1/json/readme.json'))).model;
    assert.equal(readme.dialect, 'openapi-3.1');
    assert.ok(readme.operations.length > 40);
    for (const op of readme.operations) {
      assert.match(op.method, /^[A-Z]+$/);
      assert.ok(op.pointer.startsWith('/paths/'));
      for (const p of op.parameters) if (p.in === 'header') assert.equal(p.name, p.name.toLowerCase());
    }
    const trek = (await modelOf(example('3.0/json/star-trek.json'))).model;
    assert.equal(trek.operations.length, 120);
  });
});
