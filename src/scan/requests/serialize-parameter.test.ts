// Style / explode serialisation, checked against the OpenAPI 3.1 style examples table (color =
// "blue", ["blue","black","brown"], {R:100,G:200,B:150}); the round trip through the gateway's
// deserialiser is in build-request.test.ts (test/fixtures/contract/styles.yaml).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ParameterSpec } from '../../contract/index.js';
import { serializeCookieParameter, serializeHeaderParameter, serializePathParameter, serializeQueryParameter } from './serialize-parameter.js';

const ARRAY = ['blue', 'black', 'brown'];
const OBJECT = { R: 100, G: 200, B: 150 };

function spec(location: ParameterSpec['in'], style: ParameterSpec['style'], explode: boolean, extra: Partial<ParameterSpec> = {}): ParameterSpec {
  return { name: 'color', in: location, style, explode, shape: 'primitive', required: true, schema: {}, ...extra };
}

describe('path styles', () => {
  it('simple, label and matrix, exploded and not', () => {
    const cases: [ParameterSpec['style'], boolean, unknown, string][] = [
      ['simple', false, 'blue', 'blue'], ['simple', false, ARRAY, 'blue,black,brown'], ['simple', false, OBJECT, 'R,100,G,200,B,150'], ['simple', true, OBJECT, 'R=100,G=200,B=150'],
      ['label', false, 'blue', '.blue'], ['label', false, ARRAY, '.blue,black,brown'], ['label', true, ARRAY, '.blue.black.brown'], ['label', true, OBJECT, '.R=100.G=200.B=150'],
      ['matrix', false, 'blue', ';color=blue'], ['matrix', false, ARRAY, ';color=blue,black,brown'], ['matrix', true, ARRAY, ';color=blue;color=black;color=brown'],
      ['matrix', false, OBJECT, ';color=R,100,G,200,B,150'], ['matrix', true, OBJECT, ';R=100;G=200;B=150'],
    ];
    for (const [style, explode, value, expected] of cases) assert.equal(serializePathParameter(spec('path', style, explode), value), expected, `${style} ${explode}`);
  });

  it('percent-encodes values, including the characters that would split a path', () => {
    assert.equal(serializePathParameter(spec('path', 'simple', false), 'a/b c?#'), 'a%2Fb%20c%3F%23');
  });
});

describe('query styles', () => {
  it('form, spaceDelimited, pipeDelimited and deepObject', () => {
    assert.deepEqual(serializeQueryParameter(spec('query', 'form', true), 'blue'), ['color=blue']);
    assert.deepEqual(serializeQueryParameter(spec('query', 'form', true), ARRAY), ['color=blue', 'color=black', 'color=brown']);
    assert.deepEqual(serializeQueryParameter(spec('query', 'form', false), ARRAY), ['color=blue,black,brown']);
    assert.deepEqual(serializeQueryParameter(spec('query', 'form', true), OBJECT), ['R=100', 'G=200', 'B=150']);
    assert.deepEqual(serializeQueryParameter(spec('query', 'form', false), OBJECT), ['color=R,100,G,200,B,150']);
    assert.deepEqual(serializeQueryParameter(spec('query', 'spaceDelimited', false), ARRAY), ['color=blue%20black%20brown']);
    assert.deepEqual(serializeQueryParameter(spec('query', 'pipeDelimited', false), ARRAY), ['color=blue|black|brown']);
    assert.deepEqual(serializeQueryParameter(spec('query', 'deepObject', true), { R: 100, nested: { x: 'a b' }, list: [1, 2] }), ['color[R]=100', 'color[nested][x]=a%20b', 'color[list][]=1', 'color[list][]=2']);
  });

  it('encodes "+" and "&" so form decoding gives the value back; content parameters carry JSON', () => {
    assert.deepEqual(serializeQueryParameter(spec('query', 'form', true), 'a+b&c=d'), ['color=a%2Bb%26c%3Dd']);
    assert.deepEqual(serializeQueryParameter(spec('query', 'form', true, { mediaType: 'application/json' }), { a: 1 }), ['color=%7B%22a%22%3A1%7D']);
  });
});

describe('headers and cookies', () => {
  it('simple style for headers, form style (comma-separated) for cookies', () => {
    assert.equal(serializeHeaderParameter(spec('header', 'simple', false), ARRAY), 'blue,black,brown');
    assert.equal(serializeHeaderParameter(spec('header', 'simple', true), OBJECT), 'R=100,G=200,B=150');
    assert.equal(serializeHeaderParameter(spec('header', 'simple', false), OBJECT), 'R,100,G,200,B,150');
    assert.equal(serializeCookieParameter(spec('cookie', 'form', false), ARRAY), 'color=blue,black,brown');
    assert.equal(serializeCookieParameter(spec('cookie', 'form', true), 7), 'color=7');
  });
});
