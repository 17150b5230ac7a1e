// loadApiDocument against real public documents (@readme/oas-examples) and small fixtures in
// test/fixtures/contract/: dialects, YAML and JSON, file $refs, recursion, and every kind of
// problem a document can have, asserted on the error's code and its located `details`.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { isBulwarkError } from '../core/errors.js';
import { loadApiDocument, type DocumentProblem } from './load-document.js';
import type { SchemaDialect } from './schema/to-json-schema.js';

const examples = createRequire(import.meta.url);
const example = (name: string): string => examples.resolve(`@readme/oas-examples/${name}`);
const fixture = (name: string): string => join(import.meta.dirname, '../../test/fixtures/contract', name);

type Json = Record<string, unknown>;
const at = (value: unknown, ...keys: string[]): Json => {
  let node = value;
  for (const key of keys) node = (node as Json)[key];
  assert.ok(node !== null && typeof node === 'object', `${keys.join('.')} is an object`);
  return node as Json;
};

/** Loads a document that must fail; returns the error after checking its code. */
async function failure(file: string): Promise<{ details: unknown; cause: unknown }> {
  const error = await loadApiDocument(file).then(() => undefined, (e: unknown) => e);
  assert.ok(isBulwarkError(error), `${file} is refused with a BulwarkError`);
  assert.equal(error.code, 'CONTRACT_DOCUMENT_INVALID');
  return { details: error.details, cause: error.cause };
}

/** The located problems of a document that must fail. */
async function problemsOf(file: string): Promise<DocumentProblem[]> {
  const { details } = await failure(file);
  assert.ok(Array.isArray(details) && details.length > 0, 'details lists the problems');
  for (const problem of details as DocumentProblem[]) {
    assert.equal(problem.file, file, 'each problem names the file');
    assert.equal(typeof problem.pointer, 'string');
    assert.equal(typeof problem.message, 'string');
  }
  return details as DocumentProblem[];
}

describe('loadApiDocument: real documents', () => {
  const cases: [string, SchemaDialect][] = [
    ['2.0/json/petstore.json', 'openapi-2.0'],
    ['2.0/json/petstore-expanded.json', 'openapi-2.0'],
    ['3.0/json/petstore.json', 'openapi-3.0'],
    ['3.0/json/star-trek.json', 'openapi-3.0'],
    ['3.0/json/parameters-style.json', 'openapi-3.0'],
    ['3.0/json/schema-circular.json', 'openapi-3.0'],
    ['3.0/json/polymorphism.json', 'openapi-3.0'],
    ['3.0/json/schema-visibility.json', 'openapi-3.0'],
    ['3.0/json/server-variables.json', 'openapi-3.0'],
    ['3.1/json/readme.json', 'openapi-3.1'],
    ['3.1/json/train-travel.json', 'openapi-3.1'],
  ];
  for (const [name, dialect] of cases) {
    it(`loads ${name} as ${dialect}`, async () => {
      const file = example(name);
      const loaded = await loadApiDocument(file);
      assert.equal(loaded.dialect, dialect);
      assert.equal(loaded.source, file);
      assert.ok(Object.keys(at(loaded.document, 'paths')).length > 0);
    });
  }

  it('dereferences every $ref of a real document (ReadMe\'s API)', async () => {
    const loaded = await loadApiDocument(example('3.1/json/readme.json'));
    const refs: string[] = [];
    const seen = new Set<object>();
    const walk = (node: unknown, path: string): void => {
      if (node === null || typeof node !== 'object' || seen.has(node)) return;
      seen.add(node);
      if (!Array.isArray(node) && typeof (node as Json).$ref === 'string') refs.push(path);
      for (const [key, value] of Object.entries(node)) walk(value, `${path}/${key}`);
    };
    walk(loaded.document.paths, '/paths');
    assert.deepEqual(refs, []);
  });

  it('reads YAML and JSON alike: the YAML and JSON petstores load to the same document', async () => {
    const json = await loadApiDocument(example('2.0/json/petstore.json'));
    const yaml = await loadApiDocument(example('2.0/yaml/petstore.yaml'));
    assert.equal(yaml.dialect, 'openapi-2.0');
    assert.deepEqual(yaml.document, json.document);
  });

  it('reports the absolute path of a document given by a relative one', async () => {
    const file = fixture('recursive.yaml');
    const loaded = await loadApiDocument(relative(process.cwd(), file));
    assert.equal(loaded.source, file);
  });
});

describe('loadApiDocument: references', () => {
  it('resolves $refs into another YAML file, and that file\'s own internal $refs', async () => {
    const loaded = await loadApiDocument(fixture('split-root.yaml'));
    assert.equal(loaded.dialect, 'openapi-3.1');
    const item = at(loaded.document, 'paths', '/pets/{id}');
    assert.deepEqual(item.parameters, [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }]);
    const schema = at(item, 'get', 'responses', '200', 'content', 'application/json', 'schema');
    assert.deepEqual(schema, {
      type: 'object',
      required: ['name'],
      properties: { name: { type: 'string', minLength: 1 }, tag: { type: 'string', maxLength: 10 } },
    });
  });

  it('keeps a recursive schema as an object cycle, shared by every place that refers to it', async () => {
    const loaded = await loadApiDocument(fixture('recursive.yaml'));
    const node = at(loaded.document, 'components', 'schemas', 'Node');
    assert.equal(at(node, 'properties', 'children').items, node);
    const put = at(loaded.document, 'paths', '/trees', 'put');
    assert.equal(at(put, 'requestBody', 'content', 'application/json').schema, node);
    assert.equal(at(put, 'responses', '200', 'content', 'application/json').schema, node);
  });

  it('keeps the cycles of a real circular document (schema-circular.json)', async () => {
    const loaded = await loadApiDocument(example('3.0/json/schema-circular.json'));
    const schemas = at(loaded.document, 'components', 'schemas');
    const multiPart = at(schemas, 'MultiPart');
    assert.equal(at(multiPart, 'properties', 'parent'), multiPart, 'a direct self-reference');
    // MultiPart holds BodyParts whose parent is a MultiPart again: an indirect cycle.
    assert.equal(at(multiPart, 'properties', 'bodyParts').items, schemas.BodyPart);
    assert.equal(at(schemas, 'BodyPart', 'properties', 'parent'), multiPart);
  });
});

describe('loadApiDocument: problems', () => {
  it('a file that cannot be read', async () => {
    const missing = await failure(fixture('no-such-document.yaml'));
    assert.equal((missing.cause as NodeJS.ErrnoException).code, 'ENOENT');
    const directory = await failure(join(import.meta.dirname, '../../test/fixtures/contract'));
    assert.equal((directory.cause as NodeJS.ErrnoException).code, 'EISDIR');
  });

  it('invalid YAML, located by line and column', async () => {
    const file = fixture('invalid-yaml.yaml');
    const [problem, ...rest] = await problemsOf(file);
    assert.deepEqual(rest, []);
    assert.equal(problem!.pointer, '');
    assert.equal(problem!.line, 6);
    assert.equal(typeof problem!.column, 'number');
  });

  it('a document that is not OpenAPI', async () => {
    const problems = await problemsOf(fixture('invalid-not-openapi.yaml'));
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.pointer, '');
  });

  it('a JSON file that is not OpenAPI either (an array, an unsupported version)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bulwark-load-'));
    try {
      const array = join(dir, 'array.json');
      await writeFile(array, '[1, 2, 3]');
      assert.equal((await problemsOf(array))[0]!.pointer, '');
      const version = join(dir, 'version.json');
      await writeFile(version, JSON.stringify({ openapi: '2.0.0', info: { title: 'x', version: '1' }, paths: {} }));
      assert.equal((await problemsOf(version))[0]!.pointer, '/openapi', 'the version is what is wrong');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a schema violation (3.0 response without description), located by JSON pointer and line', async () => {
    const file = fixture('invalid-response-description.yaml');
    const problems = await problemsOf(file);
    assert.deepEqual(problems.map((p) => ({ pointer: p.pointer, line: p.line, column: p.column })), [
      { pointer: '/paths/~1things/get/responses/200', line: 10, column: 11 },
    ]);
    assert.match(problems[0]!.message, /description/);
  });

  it('a schema violation (2.0 unknown properties): each one reported, by the key\'s pointer and line', async () => {
    const problems = await problemsOf(fixture('invalid-unknown-property.yaml'));
    assert.deepEqual(problems.map((p) => [p.pointer, p.line]), [['/colour', 5], ['/paths/~1things/get/flavour', 9]]);
  });

  it('a schema violation (2.0 unknown top-level property), at its key with a line', async () => {
    const problems = await problemsOf(fixture('invalid-unknown-top-level.yaml'));
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.pointer, '/colour');
    assert.equal(problems[0]!.line, 4);
  });

  it('a semantic error: a duplicated operationId', async () => {
    const problems = await problemsOf(fixture('invalid-duplicate-operation-id.yaml'));
    assert.equal(problems.length, 1);
    assert.match(problems[0]!.message, /fetchThing/);
  });

  it('a semantic error: a path parameter missing from `parameters`', async () => {
    const problems = await problemsOf(fixture('invalid-missing-path-parameter.yaml'));
    assert.equal(problems.length, 1);
    assert.match(problems[0]!.message, /thingId/);
  });

  it('a $ref to a file that does not exist', async () => {
    const problems = await problemsOf(fixture('invalid-missing-ref.yaml'));
    assert.equal(problems.length, 1);
    assert.match(problems[0]!.message, /does-not-exist\.yaml/);
  });

  it('a remote $ref is refused, not fetched, and fast', async () => {
    const started = performance.now();
    const problems = await problemsOf(fixture('invalid-remote-ref.yaml'));
    assert.ok(performance.now() - started < 2000, 'no network round trip');
    assert.equal(problems.length, 1);
    assert.match(problems[0]!.message, /example\.invalid/);
  });

  it('a remote $ref inside an example is data: the document loads (GitHub publishes one)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bulwark-load-'));
    try {
      const file = join(dir, 'scim.yaml');
      await writeFile(file, [
        'openapi: 3.1.0',
        "info: { title: SCIM, version: '1' }",
        'paths:',
        '  /scim/Users/{id}:',
        '    get:',
        '      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]',
        '      responses:',
        "        '200':",
        '          description: ok',
        '          content:',
        '            application/json:',
        '              schema: { $ref: "#/components/schemas/User" }',
        '              examples:',
        '                one: { value: { manager: { $ref: "https://api.example.com/scim/v2/Users/2" } } }',
        'components:',
        '  schemas:',
        '    User:',
        '      type: object',
        '      properties: { example: { type: string } }',
        '      examples: [{ manager: { $ref: "https://api.example.com/scim/v2/Users/3" } }]',
      ].join('\n'));
      const loaded = await loadApiDocument(file);
      assert.equal(at(loaded.document, 'components', 'schemas', 'User', 'properties', 'example').type, 'string');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a remote $ref in a referenced file is refused, located, and not fetched', async () => {
    let requests = 0;
    const server = createServer((_req, res) => {
      requests++;
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const dir = await mkdtemp(join(tmpdir(), 'bulwark-load-'));
    try {
      const { port } = server.address() as AddressInfo;
      await writeFile(join(dir, 'schemas.yaml'), `Thing: { type: object, properties: { a: { $ref: 'http://127.0.0.1:${port}/a.yaml#/A' } } }\n`);
      const file = join(dir, 'root.yaml');
      await writeFile(file, [
        'openapi: 3.0.3',
        "info: { title: Two files, version: '1' }",
        'paths:',
        '  /a:',
        '    get:',
        '      responses:',
        "        '200':",
        '          description: ok',
        "          content: { application/json: { schema: { $ref: './schemas.yaml#/Thing' } } }",
      ].join('\n'));
      const problems = await problemsOf(file);
      assert.equal(problems.length, 1);
      assert.match(problems[0]!.message, /remote references are not fetched/);
      assert.match(problems[0]!.pointer, /\/properties\/a$/);
      assert.equal(requests, 0);
    } finally {
      server.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a remote $ref to a reachable server makes no request to it', async () => {
    let requests = 0;
    const server = createServer((_req, res) => {
      requests++;
      res.setHeader('content-type', 'application/yaml');
      res.end('A: { type: string }\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const dir = await mkdtemp(join(tmpdir(), 'bulwark-load-'));
    try {
      const { port } = server.address() as AddressInfo;
      const file = join(dir, 'remote.yaml');
      await writeFile(file, [
        'openapi: 3.0.3',
        "info: { title: Remote, version: '1' }",
        'paths:',
        '  /a:',
        '    get:',
        '      responses:',
        "        '200':",
        '          description: ok',
        '          content:',
        `            application/json: { schema: { $ref: 'http://127.0.0.1:${port}/x.yaml#/A' } }`,
      ].join('\n'));
      const problems = await problemsOf(file);
      assert.equal(problems.length, 1);
      assert.equal(requests, 0);
    } finally {
      server.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
