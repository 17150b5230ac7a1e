import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { locateInJson, parseSourceText, SourceFileError } from './source-file.js';

const YAML = `# comment
openapi: 3.0.3
paths:
  /users/{id}:
    get:
      parameters:
        - name: id
          in: path
        - { name: q, in: query }
      responses:
        '200':   # a comment after the key
          description: ok
  "a/b~c": { x: [1, 2, { deep: true }] }
`;

describe('source files', () => {
  it('reads YAML and locates nodes by pointer: keys, sequence items, flow collections, escaped segments', () => {
    const file = parseSourceText('/x/openapi.yaml', YAML);
    assert.equal(file.format, 'yaml');
    const pointers = [
      '', '/openapi', '/paths/~1users~1{id}/get', '/paths/~1users~1{id}/get/parameters/0', '/paths/~1users~1{id}/get/parameters/1',
      '/paths/~1users~1{id}/get/parameters/1/in', '/paths/~1users~1{id}/get/responses/200', '/paths/a~1b~0c/x/2/deep',
    ];
    const positions = file.locate(pointers);
    assert.deepEqual(pointers.map((pointer) => `${positions.get(pointer)?.line}:${positions.get(pointer)?.column}`), ['2:1', '2:1', '5:5', '7:11', '9:11', '9:22', '11:9', '13:26']);
  });

  it('answers a pointer to something missing with its nearest existing ancestor', () => {
    const file = parseSourceText('/x/openapi.yaml', YAML);
    assert.deepEqual(file.locate(['/paths/~1users~1{id}/get/security', '/nothing/here']).get('/paths/~1users~1{id}/get/security'), { line: 5, column: 5 });
    const json = parseSourceText('/x/openapi.json', '{"paths": {"/a": {"get": {}}}}');
    assert.deepEqual(json.locate(['/paths/~1a/get/responses']).get('/paths/~1a/get/responses'), { line: 1, column: 19 });
  });

  it('reads JSON with JSON.parse and locates by one guided scan, escapes and nesting included', () => {
    const text = '{\n  "a\\"b": {"x": [10, {"y": "z\\\\"}, [ ]]},\n  "paths": {\n    "/p": {"get": {"responses": {}}}\n  }\n}\n';
    const file = parseSourceText('/x/openapi.json', text);
    assert.equal(file.format, 'json');
    const pointers = ['/a"b/x/1/y', '/paths/~1p/get/responses', '/a"b/x/2'];
    const positions = file.locate(pointers);
    assert.deepEqual(pointers.map((pointer) => `${positions.get(pointer)?.line}:${positions.get(pointer)?.column}`), ['2:23', '4:20', '2:36']);
    assert.deepEqual(locateInJson('[1, {"k": 2}]', ['/1/k', '/0']), new Map([['/1/k', 5], ['/0', 1]]));
  });

  it('rejects text that is neither JSON nor YAML, with the line and column', () => {
    assert.throws(() => parseSourceText('/x/bad.yaml', 'openapi: 3.0.0\npaths: [\n'), (error: unknown) =>
      error instanceof SourceFileError && error.file === '/x/bad.yaml' && error.position !== undefined && /not valid YAML or JSON/.test(error.message));
  });

  it('rejects a YAML alias bomb instead of expanding it', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level <= 9; level++) levels.push(`${String.fromCharCode(97 + level)}: &${String.fromCharCode(97 + level)} [${Array(10).fill(`*${String.fromCharCode(96 + level)}`).join(', ')}]`);
    assert.throws(() => parseSourceText('/x/bomb.yaml', `${levels.join('\n')}\n`), /expands to more than/);
  });
});
