// Tests for OpenAPI parameter deserialisation: the style table as JSON vectors, edge cases below.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  parseCookies,
  parseQuery,
  readCookieParameter,
  readHeaderParameter,
  readPathParameter,
  readQueryParameter,
  type ParameterSerialization,
  type QueryPairs,
} from './deserialize.js';

interface Vector {
  description: string;
  spec: ParameterSerialization;
  input: { query?: string; path?: string; header?: string | string[]; cookie?: string };
  expected: { value?: unknown; absent?: true; consumed?: string[] };
}
const vectors = JSON.parse(readFileSync(new URL('./deserialize.vectors.json', import.meta.url), 'utf8')) as Vector[];

function pairsOf(query: string, maxPairs = 100): QueryPairs {
  const parsed = parseQuery(query, maxPairs);
  assert.ok(parsed.ok, `query ${JSON.stringify(query)} should parse`);
  return parsed.pairs;
}

function spec(fields: Partial<ParameterSerialization> & Pick<ParameterSerialization, 'in' | 'style' | 'shape'>): ParameterSerialization {
  return { name: 'color', explode: false, ...fields };
}

function readVector(vector: Vector): { value: unknown; consumed?: readonly string[] } {
  const { spec: parameter, input } = vector;
  switch (parameter.in) {
    case 'query': return readQueryParameter(parameter, pairsOf(input.query ?? ''));
    case 'path': return { value: readPathParameter(parameter, input.path ?? '') };
    case 'header': return { value: readHeaderParameter(parameter, input.header) };
    case 'cookie': return { value: readCookieParameter(parameter, parseCookies(input.cookie)) };
  }
}

describe('style table vectors', () => {
  for (const vector of vectors) {
    it(vector.description, () => {
      // A vector must say what it expects: a missing "value" must not silently mean "absent".
      assert.ok(('value' in vector.expected) !== (vector.expected.absent === true), 'vector needs exactly one of value/absent');
      const result = readVector(vector);
      assert.deepEqual(result.value, vector.expected.absent === true ? undefined : vector.expected.value);
      if (vector.spec.in === 'query') assert.deepEqual(result.consumed, vector.expected.consumed);
    });
  }
});

describe('parseQuery', () => {
  it('returns an empty map for an empty query', () => {
    assert.deepEqual(parseQuery('', 10), { ok: true, pairs: new Map() });
  });

  it('keeps order of first appearance and groups repeated keys', () => {
    assert.deepEqual([...pairsOf('b=1&a=2&b=3')], [['b', ['1', '3']], ['a', ['2']]]);
  });

  it("reads a key without '=' as an empty value, and splits at the first '=' only", () => {
    assert.deepEqual([...pairsOf('a&b=c=d')], [['a', ['']], ['b', ['c=d']]]);
  });

  it('skips empty keys and empty pieces', () => {
    assert.deepEqual([...pairsOf('=x&&a=1&&=&')], [['a', ['1']]]);
  });

  it("decodes '+' as a space but '%2B' as a plus, in keys and values", () => {
    assert.deepEqual([...pairsOf('a+b=c+d%2Be')], [['a b', ['c d+e']]]);
  });

  it('decodes UTF-8 percent-encoding', () => {
    assert.deepEqual([...pairsOf('q=%E0%A4%95%F0%9F%98%80')], [['q', ['\u0915\u{1F600}']]]);
  });

  for (const bad of ['a=%zz', 'a=%', 'a=%4', '%zz=1', 'a=%E0%A4', 'a=%C0%AF', 'a=%ED%A0%80', '=%zz']) {
    it(`rejects bad percent-encoding without echoing it: ${bad}`, () => {
      const parsed = parseQuery(bad, 10);
      assert.equal(parsed.ok, false);
      if (!parsed.ok) assert.ok(!parsed.problem.includes('%'), parsed.problem);
    });
  }

  it('rejects more than maxPairs pairs and counts repeated keys', () => {
    assert.equal(parseQuery('a=1&a=2&a=3', 3).ok, true);
    const parsed = parseQuery('a=1&a=2&a=3&a=4', 3);
    assert.equal(parsed.ok, false);
    if (!parsed.ok) assert.match(parsed.problem, /more than 3/);
  });

  it('stays linear on many pieces with one late =', () => {
    const query = `${'a&'.repeat(200_000)}b=1`;
    const started = performance.now();
    const parsed = parseQuery(query, 1_000_000);
    assert.ok(parsed.ok);
    assert.equal(parsed.pairs.get('a')?.length, 200_000);
    assert.ok(performance.now() - started < 2000);
  });
});

describe('readQueryParameter', () => {
  it('reports an absent parameter as undefined with nothing consumed', () => {
    for (const style of ['form', 'spaceDelimited', 'pipeDelimited', 'deepObject'] as const) {
      for (const explode of [false, true]) {
        for (const shape of ['primitive', 'array', 'object'] as const) {
          const result = readQueryParameter(spec({ in: 'query', style, explode, shape, properties: ['R'] }), pairsOf('other=1'));
          assert.deepEqual(result, { value: undefined, consumed: [] }, `${style} ${explode} ${shape}`);
        }
      }
    }
  });

  it('uses the first value of a repeated primitive', () => {
    const result = readQueryParameter(spec({ in: 'query', style: 'form', explode: true, shape: 'primitive' }), pairsOf('color=a&color=b'));
    assert.deepEqual(result, { value: 'a', consumed: ['color'] });
  });

  it('keeps empty items of exploded arrays when there is more than one value', () => {
    const result = readQueryParameter(spec({ in: 'query', style: 'form', explode: true, shape: 'array' }), pairsOf('color=&color=b'));
    assert.deepEqual(result.value, ['', 'b']);
  });

  it('gives a trailing key of an unexploded object an empty value', () => {
    const result = readQueryParameter(spec({ in: 'query', style: 'form', shape: 'object' }), pairsOf('color=R,100,G'));
    assert.deepEqual(result.value, { R: '100', G: '' });
  });

  it('keeps the first of duplicate keys in an unexploded object and never sets unsafe keys', () => {
    const result = readQueryParameter(spec({ in: 'query', style: 'form', shape: 'object' }), pairsOf('color=R,1,R,2,__proto__,x,constructor,y,prototype,z'));
    assert.deepEqual(result.value, { R: '1' });
    assert.equal(Object.getPrototypeOf(result.value), Object.prototype);
  });

  it('consumes only the declared properties present for exploded form objects', () => {
    const parameter = spec({ in: 'query', style: 'form', explode: true, shape: 'object', properties: ['R', 'G', 'B'] });
    assert.deepEqual(readQueryParameter(parameter, pairsOf('G=2&x=1')), { value: { G: '2' }, consumed: ['G'] });
  });

  it('takes every key for a free-form exploded object, except unsafe ones', () => {
    const parameter = spec({ in: 'query', style: 'form', explode: true, shape: 'object' });
    const result = readQueryParameter(parameter, pairsOf('a=1&__proto__=x&b=2&constructor=y'));
    assert.deepEqual(result, { value: { a: '1', b: '2' }, consumed: ['a', 'b'] });
  });

  it('does not consume declared properties with unsafe names', () => {
    const parameter = spec({ in: 'query', style: 'form', explode: true, shape: 'object', properties: ['prototype', 'a'] });
    assert.deepEqual(readQueryParameter(parameter, pairsOf('prototype=1&a=2')), { value: { a: '2' }, consumed: ['a'] });
  });

  it('reads an unexploded spaceDelimited array with a %20 and + mix', () => {
    const result = readQueryParameter(spec({ in: 'query', style: 'spaceDelimited', shape: 'array' }), pairsOf('color=a%20b+c'));
    assert.deepEqual(result.value, ['a', 'b', 'c']);
  });

  it('keeps allowReserved informational: values are decoded either way', () => {
    const result = readQueryParameter(spec({ in: 'query', style: 'form', shape: 'primitive', allowReserved: true }), pairsOf('color=%2F%3F'));
    assert.equal(result.value, '/?');
  });
});

describe('readQueryParameter deepObject', () => {
  const deep = spec({ in: 'query', style: 'deepObject', explode: true, shape: 'object' });

  it('nests bracket groups', () => {
    const result = readQueryParameter(deep, pairsOf('color[a][b]=1&color[a][c]=2&color[d]=3'));
    assert.deepEqual(result, { value: { a: { b: '1', c: '2' }, d: '3' }, consumed: ['color[a][b]', 'color[a][c]', 'color[d]'] });
  });

  it('reads [] as arrays, top-level and nested', () => {
    assert.deepEqual(readQueryParameter(deep, pairsOf('color[]=1&color[]=2')), { value: ['1', '2'], consumed: ['color[]'] });
    assert.deepEqual(readQueryParameter(deep, pairsOf('color[a][]=1&color[a][]=2')).value, { a: ['1', '2'] });
  });

  it('uses the first value of a repeated leaf key', () => {
    assert.deepEqual(readQueryParameter(deep, pairsOf('color[R]=1&color[R]=2')), { value: { R: '1' }, consumed: ['color[R]'] });
  });

  it('nests to the depth cap and keeps the rest of the bracket text as the last key', () => {
    const five = readQueryParameter(deep, pairsOf('color[a][b][c][d][e]=1'));
    assert.deepEqual(five.value, { a: { b: { c: { d: { e: '1' } } } } });
    const deeper = readQueryParameter(deep, pairsOf('color[a][b][c][d][e][f][g]=1'));
    assert.deepEqual(deeper, { value: { a: { b: { c: { d: { 'e][f][g': '1' } } } } }, consumed: ['color[a][b][c][d][e][f][g]'] });
    const list = readQueryParameter(deep, pairsOf('color[a][b][c][d][]=1'));
    assert.deepEqual(list.value, { a: { b: { c: { d: ['1'] } } } });
  });

  it('never creates unsafe keys and leaves their query keys unconsumed', () => {
    const query = 'color[__proto__][polluted]=1&color[constructor][prototype][x]=1&color[a][prototype]=1&color[ok]=1&color[a][b][c][d][__proto__]=1';
    const result = readQueryParameter(deep, pairsOf(query));
    assert.deepEqual(result, { value: { ok: '1' }, consumed: ['color[ok]'] });
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.getPrototypeOf(result.value), Object.prototype);
  });

  it('leaves malformed and conflicting keys unconsumed', () => {
    const query = 'color[a]=1&color[a][b]=2&color[x=3&color[y]z=4&color[p][]q=5&color[[r]]=6&color=7&colors[a]=8&color[]=9';
    const result = readQueryParameter(deep, pairsOf(query));
    assert.deepEqual(result, { value: { a: '1' }, consumed: ['color[a]'] });
  });

  it('does not mistake inherited names for existing keys', () => {
    const result = readQueryParameter(deep, pairsOf('color[toString]=1&color[hasOwnProperty][x]=2'));
    assert.deepEqual(result.value, { toString: '1', hasOwnProperty: { x: '2' } });
  });

  it('stays linear on a long bracket key', () => {
    const key = `color${'[a]'.repeat(100_000)}`;
    const result = readQueryParameter(deep, new Map([[key, ['1']]]));
    assert.deepEqual(result.consumed, [key]);
  });
});

describe('readPathParameter', () => {
  it('returns a value without the expected prefix unchanged', () => {
    assert.equal(readPathParameter(spec({ in: 'path', style: 'label', shape: 'array' }), 'blue,black'), 'blue,black');
    assert.equal(readPathParameter(spec({ in: 'path', style: 'matrix', shape: 'primitive' }), 'color=blue'), 'color=blue');
    assert.equal(readPathParameter(spec({ in: 'path', style: 'matrix', shape: 'primitive' }), ';colour=blue'), ';colour=blue');
    assert.equal(readPathParameter(spec({ in: 'path', style: 'matrix', shape: 'primitive' }), ';colorx=blue'), ';colorx=blue');
    assert.equal(readPathParameter(spec({ in: 'path', style: 'matrix', explode: true, shape: 'array' }), ';color=a;other=b'), ';color=a;other=b');
  });

  it('reads an empty matrix value', () => {
    assert.equal(readPathParameter(spec({ in: 'path', style: 'matrix', shape: 'primitive' }), ';color='), '');
    assert.deepEqual(readPathParameter(spec({ in: 'path', style: 'matrix', shape: 'array' }), ';color='), []);
  });

  it('reads empty simple values as empty string, array and object', () => {
    assert.equal(readPathParameter(spec({ in: 'path', style: 'simple', shape: 'primitive' }), ''), '');
    assert.deepEqual(readPathParameter(spec({ in: 'path', style: 'simple', shape: 'array' }), ''), []);
    assert.deepEqual(readPathParameter(spec({ in: 'path', style: 'simple', shape: 'object' }), ''), {});
  });

  it('treats exploded simple object items without = as empty values and skips unsafe keys', () => {
    const result = readPathParameter(spec({ in: 'path', style: 'simple', explode: true, shape: 'object' }), 'R=1,G,__proto__=x,B=2=3');
    assert.deepEqual(result, { R: '1', G: '', B: '2=3' });
  });
});

describe('readHeaderParameter', () => {
  const array = spec({ in: 'header', style: 'simple', shape: 'array' });

  it('reports an absent header as undefined', () => {
    assert.equal(readHeaderParameter(array, undefined), undefined);
    assert.equal(readHeaderParameter(array, []), undefined);
  });

  it('drops empty list items and trims only SP and HTAB', () => {
    assert.deepEqual(readHeaderParameter(array, ' a ,, \tb,\u00a0c'), ['a', 'b', '\u00a0c']);
    assert.deepEqual(readHeaderParameter(array, ''), []);
  });

  it('keeps a primitive header value whole', () => {
    assert.equal(readHeaderParameter(spec({ in: 'header', style: 'simple', shape: 'primitive' }), 'a, b'), 'a, b');
  });
});

describe('cookies', () => {
  it('parses pairs, unquotes values and keeps the first occurrence', () => {
    const cookies = parseCookies('a=1; b="two"; a=3;c=;d="');
    assert.deepEqual([...cookies], [['a', '1'], ['b', 'two'], ['c', ''], ['d', '"']]);
  });

  it('skips junk pieces and names that are not tokens', () => {
    const cookies = parseCookies(';;junk; =v; bad name=1; a(b)=2; ok=yes; \t spaced = x ');
    assert.deepEqual([...cookies], [['ok', 'yes'], ['spaced', 'x']]);
  });

  it('returns an empty map for an absent header', () => {
    assert.equal(parseCookies(undefined).size, 0);
    assert.equal(parseCookies('').size, 0);
  });

  it('reports an absent cookie parameter as undefined', () => {
    assert.equal(readCookieParameter(spec({ in: 'cookie', style: 'form', shape: 'primitive' }), parseCookies('other=1')), undefined);
  });

  it('does not percent-decode cookie values', () => {
    assert.equal(readCookieParameter(spec({ in: 'cookie', style: 'form', shape: 'primitive' }), parseCookies('color=a%2Cb')), 'a%2Cb');
  });
});

describe('robustness', () => {
  it('never throws on arbitrary input', () => {
    let seed = 42;
    const random = (limit: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % limit;
    };
    const alphabet = ['color', '[', ']', '=', '&', ';', ',', '.', '|', ' ', '+', '%', '%2', '%zz', '%E0', '"', '__proto__', 'R', '1', '\t', ''];
    const styles = ['matrix', 'label', 'simple', 'form', 'spaceDelimited', 'pipeDelimited', 'deepObject'] as const;
    for (let round = 0; round < 3000; round++) {
      let text = '';
      const length = random(12);
      for (let i = 0; i < length; i++) text += alphabet[random(alphabet.length)];
      const parameter: ParameterSerialization = {
        name: 'color',
        in: (['path', 'query', 'header', 'cookie'] as const)[random(4)]!,
        style: styles[random(styles.length)]!,
        explode: random(2) === 1,
        shape: (['primitive', 'array', 'object'] as const)[random(3)]!,
        ...(random(2) === 1 ? { properties: ['R', 'color', '__proto__'] } : {}),
      };
      const parsed = parseQuery(text, 5);
      if (parsed.ok) readQueryParameter(parameter, parsed.pairs);
      readPathParameter(parameter, text);
      readHeaderParameter(parameter, text);
      readHeaderParameter(parameter, [text, text]);
      readCookieParameter(parameter, parseCookies(text));
    }
  });
});
