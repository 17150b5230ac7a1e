// compileContract: every real example compiles (responses included), the router finds operations
// under their base paths, and the compiled validators coerce parameters but not bodies and tell
// failure kinds apart (read-only, write-only, mass-assignment, undeclared).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { ValidateFunction } from 'ajv';
import { buildApiModel } from './api-model.js';
import { compileContract, type CompiledContract, type CompiledOperation } from './compile-contract.js';
import { loadApiDocument } from './load-document.js';
import { toFailures } from './validation-errors.js';
import { checkBody } from './validate-request.js';

const examples = createRequire(import.meta.url);
const example = (name: string): string => examples.resolve(`@readme/oas-examples/${name}`);
const fixture = (name: string): string => join(import.meta.dirname, '../../test/fixtures/contract', name);

async function contractOf(file: string): Promise<CompiledContract> {
  return compileContract(buildApiModel(await loadApiDocument(file)));
}

function operation(contract: CompiledContract, operationId: string): CompiledOperation {
  const found = contract.operations.find((op) => op.spec.operationId === operationId);
  assert.ok(found, `operation ${operationId}`);
  return found;
}

function validatorOf(validate: ValidateFunction | undefined): ValidateFunction {
  assert.ok(validate, 'a validator is compiled');
  return validate;
}

/** [kind, location] of each failure of a body value; [] when valid. */
function bodyFailures(validate: ValidateFunction | undefined, value: unknown): [string, string][] {
  const check = validatorOf(validate);
  if (check(value)) return [];
  return toFailures(check.errors, 'body').map((f) => [f.kind, f.location]);
}

const requestBody = (op: CompiledOperation, range = 'application/json') => op.body?.media.find((m) => m.range === range)?.validate;
const responseBody = (op: CompiledOperation, status: string, range = 'application/json') => op.responses.get(status)?.find((m) => m.range === range)?.validate;

describe('compileContract: real documents', () => {
  const names = [
    '2.0/json/petstore.json', '2.0/json/petstore-expanded.json', '3.0/json/petstore.json', '3.0/json/star-trek.json',
    '3.1/json/readme.json', '3.1/json/train-travel.json', '3.0/json/parameters-style.json', '3.0/json/schema-circular.json',
    '3.0/json/polymorphism.json', '3.0/json/schema-visibility.json', '3.0/json/server-variables.json',
  ];
  for (const name of names) {
    it(`compiles ${name}, every response validator included`, async () => {
      const contract = await contractOf(example(name));
      assert.equal(contract.operations.length, contract.model.operations.length);
      let responseValidators = 0;
      for (const op of contract.operations) {
        for (const [status, media] of op.responses) {
          for (const m of media) {
            // Response validators compile on first access: force it.
            assert.doesNotThrow(() => m.validate, `${op.spec.method} ${op.spec.pathTemplate} ${status} ${m.range}`);
            if (m.validate) responseValidators++;
          }
        }
      }
      if (name === '3.0/json/star-trek.json') {
        assert.equal(contract.operations.length, 120);
        assert.ok(responseValidators >= 120, `${responseValidators} response validators`);
      }
    });
  }

  it('compiles a schema shared by several media types once, and a response validator once', async () => {
    const petstore = await contractOf(example('2.0/json/petstore.json'));
    const addPet = operation(petstore, 'addPet');
    assert.deepEqual(addPet.body?.media.map((m) => m.range), ['application/json', 'application/xml']);
    assert.equal(addPet.body?.media[0]?.validate, addPet.body?.media[1]?.validate);
    const ok = operation(petstore, 'getPetById').responses.get('200');
    assert.ok(ok && ok.length === 2);
    const first = ok[0]!.validate;
    assert.ok(first);
    assert.equal(ok[0]!.validate, first, 'the lazy validator is kept');
    assert.equal(ok[1]!.validate, first, 'the same schema under another media type');
  });
});

describe('compileContract: match', () => {
  let petstore: CompiledContract;
  before(async () => {
    petstore = await contractOf(example('2.0/json/petstore.json'));
  });

  it('finds an operation by method and path, including the base path, with its path parameters', () => {
    const found = petstore.match('GET', '/v2/pet/5');
    assert.equal(found.kind, 'found');
    if (found.kind !== 'found') return;
    assert.equal(found.value.spec.operationId, 'getPetById');
    assert.deepEqual(found.params, { petId: '5' });
    assert.deepEqual(found.value.operation, { method: 'GET', pathTemplate: '/pet/{petId}', operationId: 'getPetById', source: example('2.0/json/petstore.json') });
    const fixed = petstore.match('GET', '/v2/pet/findByStatus');
    assert.ok(fixed.kind === 'found' && fixed.value.spec.operationId === 'findPetsByStatus', 'a static segment beats a template');
    const head = petstore.match('HEAD', '/v2/pet/5');
    assert.ok(head.kind === 'found' && head.value.spec.operationId === 'getPetById', 'HEAD matches GET');
  });

  it('answers 405 with the allowed methods for a known path, and 404 for an unknown one', () => {
    assert.deepEqual(petstore.match('PATCH', '/v2/pet/5'), { kind: 'method-not-allowed', allow: ['DELETE', 'GET', 'HEAD', 'POST'] });
    assert.deepEqual(petstore.match('DELETE', '/v2/store/inventory'), { kind: 'method-not-allowed', allow: ['GET', 'HEAD'] });
    assert.equal(petstore.match('GET', '/pet/5').kind, 'not-found', 'the base path is part of the path');
    assert.equal(petstore.match('GET', '/v2/nothing').kind, 'not-found');
  });

  it('routes every server base path, each operation under its own servers', async () => {
    const servers = await contractOf(example('3.0/json/server-variables.json'));
    const at = (method: string, path: string) => {
      const match = servers.match(method, path);
      return match.kind === 'found' ? `${match.value.spec.method} ${match.value.spec.pathTemplate}` : match.kind;
    };
    assert.equal(at('POST', '/v2/global'), 'POST /global');
    assert.equal(at('POST', '/v1/global'), 'POST /global');
    assert.equal(at('POST', '/global'), 'not-found');
    assert.equal(at('POST', '/anything/demo/operation'), 'POST /operation');
    assert.equal(at('PUT', '/anything/common/demo/path'), 'PUT /path');
    assert.equal(at('PUT', '/anything/alt/demo/combo'), 'PUT /combo');
    assert.equal(at('PUT', '/anything/common/demo/combo'), 'not-found', 'operation servers replace the path item\'s');
  });

  it('uses configured base paths instead of the document\'s', async () => {
    const model = buildApiModel(await loadApiDocument(example('2.0/json/petstore.json')));
    const contract = compileContract(model, { basePaths: ['/gateway', ''] });
    assert.equal(contract.match('GET', '/gateway/pet/5').kind, 'found');
    assert.equal(contract.match('GET', '/pet/5').kind, 'found');
    assert.equal(contract.match('GET', '/v2/pet/5').kind, 'not-found');
  });
});

describe('compileContract: validators', () => {
  let contract: CompiledContract;
  before(async () => {
    contract = await contractOf(fixture('visibility.yaml'));
  });

  it('parameters coerce strings to their schema types', () => {
    const get = operation(contract, 'getAccount');
    assert.equal(contract.match('GET', '/v2/accounts/5').kind, 'found');
    const path = validatorOf(get.parameters.path.validate);
    const values: Record<string, unknown> = { id: '5' };
    assert.equal(path(values), true);
    assert.deepEqual(values, { id: 5 });
    assert.equal(path({ id: 'five' }), false);
    assert.deepEqual(toFailures(path.errors, 'path').map((f) => f.location), ['path.id']);
    assert.equal(path({ id: '0' }), false, 'minimum still applies after coercion');
    assert.equal(path({}), false, 'a path parameter is required');

    const query = validatorOf(get.parameters.query.validate);
    assert.equal(query({ limit: '50' }), true);
    assert.equal(query({ limit: '51' }), false);
    assert.equal(query({}), true);
    const header = validatorOf(get.parameters.header.validate);
    assert.equal(header({ 'x-trace': 'true' }), true);
    assert.equal(header({ 'x-trace': 'maybe' }), false);
    assert.deepEqual([...get.parameters.header.names], ['x-trace']);
    assert.equal(get.parameters.cookie.validate, undefined, 'no cookie parameters, no validator');
  });

  it('body validators do not coerce', () => {
    const merged = requestBody(operation(contract, 'postMerged'));
    assert.deepEqual(bodyFailures(merged, { a: 'x', b: 5 }), []);
    assert.deepEqual(bodyFailures(merged, { a: 'x', b: '5' }), [['invalid', 'body.$.b']]);
    assert.deepEqual(bodyFailures(requestBody(operation(contract, 'createAccount')), { name: 'n', password: 12345678 }), [['invalid', 'body.$.password']]);
  });

  it('a readOnly property in a request body is a read-only failure, and is not required there', () => {
    const create = requestBody(operation(contract, 'createAccount'));
    assert.deepEqual(bodyFailures(create, { name: 'n', password: 'p' }), [], 'id is required in responses only');
    assert.deepEqual(bodyFailures(create, { id: 1, name: 'n', password: 'p' }), [['read-only', 'body.$.id']]);
    assert.deepEqual(bodyFailures(create, { name: 'n' }), [['invalid', 'body.$.password']], 'password is still required');
  });

  it('a writeOnly property in a response is a write-only failure, at any depth, and is not required there', () => {
    const created = responseBody(operation(contract, 'createAccount'), '201');
    assert.deepEqual(bodyFailures(created, { id: 1, name: 'n' }), [], 'password is required in requests only');
    assert.deepEqual(bodyFailures(created, { id: 1, name: 'n', password: 'p', profile: { secret: 's' } }), [
      ['write-only', 'body.$.password'],
      ['write-only', 'body.$.profile.secret'],
    ]);
    assert.deepEqual(bodyFailures(created, { name: 'n' }), [['invalid', 'body.$.id']], 'id is required in responses');
    // The same property in a request body is fine.
    assert.deepEqual(bodyFailures(requestBody(operation(contract, 'createAccount')), { name: 'n', password: 'p', profile: { secret: 's' } }), []);
  });

  it('additionalProperties: false makes an extra property a mass-assignment failure', () => {
    const settings = requestBody(operation(contract, 'updateSettings'));
    assert.deepEqual(bodyFailures(settings, { theme: 'dark' }), []);
    assert.deepEqual(bodyFailures(settings, { theme: 'dark', isAdmin: true }), [['mass-assignment', 'body.$.isAdmin']]);
    const check = validatorOf(settings);
    check({ isAdmin: true });
    const [failure] = toFailures(check.errors, 'body');
    assert.equal(failure?.pointer, '');
    assert.equal(failure?.property, 'isAdmin');
  });

  it('a property an open object does not declare is an undeclared failure, at any depth', () => {
    const create = requestBody(operation(contract, 'createAccount'));
    assert.deepEqual(bodyFailures(create, {
      name: 'n', password: 'p', role: 'admin', profile: { bio: 'b', age: 3 }, emails: [{ address: 'a' }, { address: 'b', primary: true }],
    }).sort(), [
      ['undeclared', 'body.$.emails[1].primary'],
      ['undeclared', 'body.$.profile.age'],
      ['undeclared', 'body.$.role'],
    ]);
  });

  it('an allOf whose branches together declare the properties reports only the truly undeclared one', () => {
    const merged = requestBody(operation(contract, 'postMerged'));
    assert.deepEqual(bodyFailures(merged, { a: 'x', b: 1 }), []);
    assert.deepEqual(bodyFailures(merged, { a: 'x', b: 1, c: true }), [['undeclared', 'body.$.c']]);
    assert.deepEqual(bodyFailures(merged, { a: 1, b: 1 }), [['invalid', 'body.$.a']], 'each branch still checks its properties');
    // The same with a $ref'd branch, in a response.
    const response = responseBody(operation(contract, 'postMerged'), '200');
    assert.deepEqual(bodyFailures(response, { id: 1, extra: 'e' }), []);
    assert.deepEqual(bodyFailures(response, { id: 1, extra: 'e', more: 1 }), [['undeclared', 'body.$.more']]);
    assert.deepEqual(bodyFailures(response, { extra: 'e' }), [['invalid', 'body.$.id']]);
  });

  it('a recursive schema checks every nested level', async () => {
    const tree = await contractOf(fixture('recursive.yaml'));
    const put = operation(tree, 'putTree');
    for (const validate of [requestBody(put), responseBody(put, '200')]) {
      assert.deepEqual(bodyFailures(validate, { name: 'root', children: [{ name: 'a', children: [{ name: 'b', children: [] }] }, { name: 'c' }] }), []);
      assert.deepEqual(bodyFailures(validate, { name: 'root', children: [{ name: 'a', children: [{ name: '' }] }] }), [['invalid', 'body.$.children[0].children[0].name']]);
      assert.deepEqual(bodyFailures(validate, { name: 'root', children: [{ name: 'a', children: [{ name: 'b', owner: 'x' }] }] }), [['mass-assignment', 'body.$.children[0].children[0].owner']]);
    }
  });

  it('a real recursive document (schema-circular.json) checks nested levels too', async () => {
    const circular = await contractOf(example('3.0/json/schema-circular.json'));
    const put = circular.operations.find((op) => op.spec.method === 'PUT' && op.spec.pathTemplate === '/circular');
    assert.ok(put);
    const multipart = requestBody(put, 'multipart/form-data');
    const nested = (leaf: Record<string, unknown>) => ({ typename: 't', file: { name: 'f', parent: { bodyParts: [{ parent: { parent: leaf } }] } } });
    assert.deepEqual(bodyFailures(multipart, nested({ entity: {} })), []);
    assert.deepEqual(bodyFailures(multipart, nested({ entity: 5 })), [['invalid', 'body.$.file.parent.bodyParts[0].parent.parent.entity']]);
  });

  it('a pattern the linear-time engine cannot run (lookahead) is refused, naming the operation', async () => {
    const model = buildApiModel(await loadApiDocument(fixture('lookahead-pattern.yaml')));
    assert.throws(() => compileContract(model), (error: unknown) => {
      assert.ok(error instanceof Error);
      assert.ok(error.message.includes('POST /signup'), 'method and path template');
      assert.ok(error.message.includes('/paths/~1signup/post'), 'JSON pointer of the operation');
      assert.ok(error.message.includes(fixture('lookahead-pattern.yaml')), 'the document');
      return true;
    });
  });
});

describe('edge cases of media types and encodings', () => {
  const options = {
    maxFormFields: 100,
    xml: { maxDepth: 8, maxNodes: 100, maxTextBytes: 1000 },
    multipart: { maxParts: 5, maxFiles: 1, maxFileBytes: 100, maxFieldBytes: 100, maxHeaderPairs: 10 },
    allowedFileTypes: [],
    reportUndeclared: true,
  };
  const body = (text: string, mediaType: string) => ({
    mediaType, contentType: mediaType, decoded: Buffer.from(text),
    json: () => ({ ok: true as const, value: JSON.parse(text) as unknown }),
  });

  it('validates a body declared under a media type with parameters', async () => {
    const op = operation(await contractOf(fixture('edge-media-3.yaml')), 'addThing');
    const result = checkBody(op, body('{"name":5}', 'application/json'), options);
    assert.ok(!(result instanceof Promise) && result.kind === 'failures');
    assert.deepEqual(result.failures.map((f) => f.location), ['body.$.name']);
  });

  it('reads Swagger 2.0 form arrays by their collectionFormat', async () => {
    const op = operation(await contractOf(fixture('edge-media.yaml')), 'addTags');
    const form = (text: string) => checkBody(op, body(text, 'application/x-www-form-urlencoded'), options);
    assert.deepEqual(form('ids=1,2&piped=3|4&many=5&many=6'), { kind: 'ok' });
    const bad = form('ids=1,x');
    assert.ok(!(bad instanceof Promise) && bad.kind === 'failures');
    assert.deepEqual(bad.failures.map((f) => f.location), ['body.$.ids[1]']);
  });

  it('a response schema that cannot compile fails on first use, naming the operation, and only compiles once', async () => {
    const op = operation(await contractOf(fixture('edge-media-3.yaml')), 'addThing');
    const media = op.responses.get('200')![0]!;
    assert.throws(() => media.validate, /\/paths\/~1things\/post\/responses\/200 \(POST \/things\)/);
    assert.throws(() => media.validate, /POST \/things/);
  });
});
