// Every operation of real OpenAPI documents gets a request the gateway's own contract validator
// accepts (parameters, unknown parameters, body), except the documented cases below.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { buildApiModel, checkBody, checkParameters, compileContract, loadApiDocument, type CompiledContract, type OperationSpec } from '../../contract/index.js';
import { buildRequest, type BuiltRequest } from './build-request.js';

const EXAMPLES = join(import.meta.dirname, '../../../node_modules/@readme/oas-examples');
const STYLES = join(import.meta.dirname, '../../../test/fixtures/contract/styles.yaml');
const PARAMETER_OPTIONS = { maxQueryPairs: 1000, allowedHeaders: new Set(['content-type', 'cookie', 'authorization']), allowedCookies: new Set<string>(), allowedQuery: new Set<string>() };
// reportUndeclared off: the gateway's `undeclared-property` rule is monitor-only by default.
const BODY_OPTIONS = {
  maxFormFields: 1000, xml: { maxDepth: 64, maxNodes: 10_000, maxTextBytes: 1_000_000 },
  multipart: { maxParts: 100, maxFiles: 20, maxFileBytes: 1_000_000, maxFieldBytes: 1_000_000, maxHeaderPairs: 20 },
  allowedFileTypes: [], reportUndeclared: false,
};

/** Documents the contract module itself refuses to compile: nothing to build against. */
const UNCOMPILABLE = new Set(['3.0/json/schema-validation.json']);

const AMBIGUOUS_ONE_OF = 'oneOf branches no value tells apart for Ajv (it ignores `discriminator`; the branches are open objects or identical schemas): the gateway refuses every body here';
const EXCLUDED: Readonly<Record<string, string>> = {
  '3.0/json/circular-request-bodies.json POST /direct': 'TreeNode requires `parent`, a non-nullable TreeNode: no finite value is valid',
  ...Object.fromEntries(['/discriminator-with-mapping', '/discriminator-with-no-mapping', '/embedded-discriminator', '/oneof-allof-top-level-disc',
    '/nested-one-of-object-with-nested-one-of', '/mapping-with-duplicate-schemas', '/mapping-of-schema-names', '/improper-discriminator-placement']
    .map((path) => [`3.0/json/discriminators.json PATCH ${path}`, AMBIGUOUS_ONE_OF])),
  '3.0/json/discriminators.json POST /potentially-undefined-formData': AMBIGUOUS_ONE_OF,
  ...Object.fromEntries(['PATCH /pets', 'POST /anything/one-of-object', 'POST /anything/one-of-object-ref', 'POST /anything/nested-one-of-object-ref',
    'POST /anything/nested-one-of-ref', 'POST /anything/nested-one-of-object-with-nested-one-of', 'POST /one-of-with-type']
    .map((op) => [`3.0/json/polymorphism.json ${op}`, AMBIGUOUS_ONE_OF])),
  '3.0/json/schema-deprecated.json POST /anything': AMBIGUOUS_ONE_OF,
  '3.0/json/schema-circular.json PUT /circular': 'a required `Authorization` header parameter: checkParameters skips the headers OpenAPI ignores (accept, content-type, authorization) yet still validates `required` on them, so the gateway refuses every request (reported to the lead)',
  '3.0/json/schema-additional-properties.json POST /post': 'allOf of two objects with additionalProperties false and different properties: the merged required/optional set the document intends is not valid JSON Schema (the document says so)',
  ...Object.fromEntries(['3.0', '3.1'].flatMap((v) => ['PUT', 'POST', 'PATCH'].map((m) => [`${v}/json/schema-types.json ${m} /anything/quirks/polymorphism`, 'allOf of string and integer: no value is valid']))),
  ...Object.fromEntries(['3.0', '3.1'].flatMap((v) => ['formNonExploded', 'formExploded'].map((name) => [`${v}/json/parameters-style.json GET /cookies#${name}`,
    'the path template contains "#": a request target cannot carry it raw and the gateway router does not match it encoded']))),
};

/** What the gateway's contract stage would refuse in the request, as readable strings. */
async function refusals(contract: CompiledContract, op: OperationSpec, built: BuiltRequest): Promise<string[]> {
  const [path, query = ''] = built.request.path.split(/\?(.*)/s) as [string, string?];
  const match = contract.match(op.method, path);
  if (match.kind !== 'found' || match.value.spec !== op) return [`routed to ${match.kind === 'found' ? match.value.spec.pathTemplate : match.kind}`];
  // The scan client adds the identity's credentials (the gateway allows the schemes' headers): a
  // required Authorization header parameter is filled by them.
  const credentials = op.security.length > 0 ? { authorization: 'Bearer test' } : {};
  const params = checkParameters(match.value, { pathParams: match.params, query, headers: { ...credentials, ...built.request.headers } }, PARAMETER_OPTIONS);
  const found = [...params.failures.map((f) => `${f.location} ${f.problem}`), ...Object.values(params.unknown).flat().map((name) => `unknown parameter ${name}`)];
  const contentType = built.request.headers?.['content-type'] ?? '';
  const body = built.request.body;
  const checked = await checkBody(match.value, body === undefined ? undefined : {
    mediaType: contentType.split(';')[0]!.trim().toLowerCase(), contentType, decoded: Buffer.from(body),
    json: () => ({ ok: true, value: JSON.parse(body) as unknown }),
  }, BODY_OPTIONS);
  if (checked.kind !== 'ok') found.push(`body ${JSON.stringify(checked)}`);
  return found;
}

function documents(): string[] {
  const files = ['2.0/json', '3.0/json', '3.1/json'].flatMap((dir) => readdirSync(join(EXAMPLES, dir)).filter((f) => f.endsWith('.json')).map((f) => `${dir}/${f}`));
  return files.filter((file) => !UNCOMPILABLE.has(file));
}

describe('every operation of real documents gets a request the gateway accepts', () => {
  const totals: string[] = [];
  for (const file of [...documents(), 'styles.yaml']) {
    it(file, async () => {
      const contract = compileContract(buildApiModel(await loadApiDocument(file === 'styles.yaml' ? STYLES : join(EXAMPLES, file))));
      let passed = 0;
      for (const op of contract.model.operations) {
        const key = `${file} ${op.method} ${op.pathTemplate}`;
        for (const options of [{ seed: 0 }, { seed: 3, includeOptional: true }]) {
          const failures = await refusals(contract, op, buildRequest(op, options));
          if (EXCLUDED[key] !== undefined) {
            assert.notDeepEqual(failures, [], `${key} passes now: remove it from EXCLUDED`);
          } else {
            assert.deepEqual(failures, [], `${key} ${JSON.stringify(options)}`);
            if (options.seed === 0) passed += 1;
          }
        }
      }
      totals.push(`${file}: ${passed}/${contract.model.operations.length}`);
    });
  }
  it('reports the per-document numbers', () => {
    console.log(totals.join('\n'));
    assert.ok(totals.length > 30);
  });
});

describe('buildRequest', () => {
  const op: OperationSpec = {
    method: 'GET', pathTemplate: '/users/{id}/files/{name}', basePaths: ['/v1', '/v2'], security: [], deprecated: false, extensions: {}, pointer: '', responses: [],
    parameters: [
      { name: 'id', in: 'path', style: 'simple', explode: false, shape: 'primitive', required: true, schema: { type: 'integer', minimum: 10 } },
      { name: 'name', in: 'path', style: 'simple', explode: false, shape: 'primitive', required: true, schema: { type: 'string' } },
      { name: 'tags', in: 'query', style: 'form', explode: false, shape: 'array', required: true, schema: { type: 'array', items: { type: 'string', enum: ['a b', 'c+d'] }, minItems: 2, uniqueItems: true } },
      { name: 'x-trace', in: 'header', style: 'simple', explode: false, shape: 'primitive', required: true, schema: { type: 'string', format: 'uuid' } },
      { name: 'page', in: 'query', style: 'form', explode: true, shape: 'primitive', required: false, schema: { type: 'integer' } },
    ],
  };

  it('uses the given path values, percent-encoded, and the first base path', () => {
    const built = buildRequest(op, { pathValues: { name: 'report 1/2.pdf' } });
    assert.equal(built.request.path, '/v1/users/10/files/report%201%2F2.pdf?tags=a%20b,c%2Bd');
    assert.deepEqual(built.unresolvedPathParams, ['id']);
    assert.deepEqual(built.request.headers, { 'x-trace': '3fa85f64-5717-4562-b3fc-2c963f66afa6' });
    assert.deepEqual(built.problems, []);
  });

  it('takes a base path override, adds optional parameters on request, and is deterministic per seed', () => {
    assert.match(buildRequest(op, { basePath: '/api/', includeOptional: true }).request.path, /^\/api\/users\/10\/files\/Jane%20Doe\?tags=.*&page=1$/);
    assert.deepEqual(buildRequest(op, { seed: 5 }), buildRequest(op, { seed: 5 }));
    assert.notDeepEqual(buildRequest(op, { seed: 5 }).request, buildRequest(op, { seed: 6 }).request);
  });
});
