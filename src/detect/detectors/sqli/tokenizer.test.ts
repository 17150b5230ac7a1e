import { test } from 'node:test';
import assert from 'node:assert/strict';
import { F_ERROR, F_SUBQUERY, F_SYSTEM, F_TIME, linkStructure } from './features.js';
import { keywordAt, keywordId, keywordName, hashStep } from './keywords.js';
import { tokenize } from './tokenizer.js';
import {
  ARITHMETIC, BOOLEAN, CLOSE, CLOSED, COMMA, COMMENT, COMPARE, CONSTANT, JSON_OPERATOR, NOT, NUMBER, OPEN, PROSE, QUALIFIED,
  QUOTED, SEMICOLON, SPACED, STRING, SYSTEM_VARIABLE, VARIABLE, WORD, WORDLESS, createTokenStream, type TokenStream,
} from './tokens.js';

const CLASS_NAMES: Record<number, string> = {
  [STRING]: 'string', [NUMBER]: 'number', [CONSTANT]: 'constant', [WORD]: 'word', [VARIABLE]: 'variable',
  [SYSTEM_VARIABLE]: 'system-variable', [OPEN]: '(', [CLOSE]: ')', [COMMA]: ',', [SEMICOLON]: ';', [BOOLEAN]: 'boolean',
  [NOT]: 'not', [COMPARE]: 'compare', [ARITHMETIC]: 'arithmetic', [JSON_OPERATOR]: 'json', [COMMENT]: 'comment',
};

function tokens(text: string, quote = 0): TokenStream {
  const stream = createTokenStream(2);
  tokenize(text, quote, stream);
  linkStructure(stream);
  return stream;
}

/** `class:text` per token, with the keyword name for keywords. */
function describe(text: string, quote = 0): string[] {
  const stream = tokens(text, quote);
  const out: string[] = [];
  for (let index = 0; index < stream.count; index++) {
    const tokenClass = stream.classes[index] ?? 0;
    const keyword = tokenClass === WORD || tokenClass === BOOLEAN || tokenClass === COMPARE ? keywordName(stream.ids[index] ?? 0) : '';
    out.push(`${CLASS_NAMES[tokenClass] ?? 'other'}:${text.slice(stream.starts[index], stream.ends[index])}${keyword === '' ? '' : `=${keyword}`}`);
  }
  return out;
}

const flagsOf = (text: string, index: number, quote = 0): number => tokens(text, quote).flags[index] ?? 0;

test('reads the value as it is: words, keywords in any case, literals and operators', () => {
  assert.deepEqual(describe("1 UnIoN sElEcT 'a', \"b\" FrOm t WHERE x<>1 and y>=2 || z"), [
    'number:1', 'word:UnIoN=union', 'word:sElEcT=select', "string:'a'", ',:,', 'string:"b"', 'word:FrOm=from', 'word:t',
    'word:WHERE=where', 'word:x', 'compare:<>', 'number:1', 'boolean:and=and', 'word:y', 'compare:>=', 'number:2', 'boolean:||', 'word:z',
  ]);
});

test('inside a quote context the first token is the rest of the literal, up to the quote that closes it', () => {
  assert.deepEqual(describe("admin' or '1'='1", 39), ["string:admin'", 'boolean:or=or', "string:'1'", 'compare:=', "string:'1"]);
  assert.deepEqual(describe('x" or 1=1', 34), ['string:x"', 'boolean:or=or', 'number:1', 'compare:=', 'number:1']);
  // A doubled quote is an escaped one: the literal goes on.
  assert.deepEqual(describe("O''Brien' --", 39), ["string:O''Brien'", 'comment:--']);
  assert.deepEqual(describe('never closed', 39), ['string:never closed']);
  assert.equal(flagsOf("a' b", 0, 39) & CLOSED, CLOSED);
  assert.equal(flagsOf('a b', 0, 39) & CLOSED, 0);
});

test('a string left open at the end is marked as prose when it holds whitespace', () => {
  assert.equal(flagsOf("x 'rest of a sentence", 1) & PROSE, PROSE);
  assert.equal(flagsOf("x 'a", 1) & PROSE, 0);
});

test('numbers: hexadecimal, binary, decimals, exponents; words that start with digits', () => {
  assert.deepEqual(describe('0x41 0b101 1.5 .5 1e10 2nd 3pm'), ['number:0x41', 'number:0b101', 'number:1.5', 'number:.5', 'number:1e10', 'word:2nd', 'word:3pm']);
  // MySQL ends a decimal or an exponent where a letter starts: `1e0union`, `1.0union`.
  assert.deepEqual(describe('1e0union 1.0select'), ['number:1e0', 'word:union=union', 'number:1.0', 'word:select=select']);
  assert.deepEqual(describe('\\Nunion'), ['constant:\\N', 'word:union=union']);
});

test('dotted names keep the keyword of their last part and of their first (the qualifier)', () => {
  const stream = tokens('information_schema.tables master..xp_cmdshell dbms_pipe.receive_message Thread.sleep');
  assert.equal(stream.count, 4);
  assert.equal(stream.qualifiers[0], keywordId('information_schema'));
  assert.equal(stream.ids[1], keywordId('xp_cmdshell'));
  assert.equal(stream.qualifiers[1], keywordId('master'));
  assert.equal(stream.ids[2], keywordId('receive_message'));
  assert.equal(stream.qualifiers[2], keywordId('dbms_pipe'));
  assert.equal(stream.ids[3], keywordId('sleep'));
  assert.equal(stream.qualifiers[3], 0);
  for (let index = 0; index < 4; index++) assert.equal((stream.flags[index] ?? 0) & QUALIFIED, QUALIFIED);
  // A dot that ends a sentence is no qualifier.
  assert.deepEqual(describe('end.'), ['word:end=end', 'other:.']);
});

test('comments: -- and # to the end of the line, closed /* */ as whitespace, open /* to the end', () => {
  assert.deepEqual(describe('a -- b\nc # d\r\ne /* f */ g /* h'), ['word:a', 'comment:-- b', 'word:c', 'comment:# d', 'word:e', 'word:g', 'comment:/* h']);
  assert.equal(flagsOf('x--', 1) & WORDLESS, WORDLESS);
  assert.equal(flagsOf('x-- -+', 1) & WORDLESS, WORDLESS);
  assert.equal(flagsOf('x-- note', 1) & WORDLESS, 0);
  assert.equal(flagsOf("x#')", 1) & WORDLESS, 0);
  assert.equal(flagsOf('a/**/b', 1) & SPACED, SPACED);
});

test("MySQL's executable comments are code: /*! ... */ and /*!50000 ... */", () => {
  assert.deepEqual(describe('1 /*!50000union*/ /*!select*/ 2'), ['number:1', 'word:union=union', 'word:select=select', 'number:2']);
});

test('variables, system variables, JSON operators, backtick identifiers', () => {
  assert.deepEqual(describe('@x @@version a->>\'k\' b#>\'{a}\' c @> d <@ e ?| f `select`'), [
    'variable:@x', 'system-variable:@@version', 'word:a', 'json:->>', "string:'k'", 'word:b', 'json:#>', "string:'{a}'",
    'word:c', 'json:@>', 'word:d', 'json:<@', 'word:e', 'json:?|', 'word:f', 'word:`select`',
  ]);
  assert.equal(flagsOf('`select`', 0) & QUOTED, QUOTED);
  assert.equal(tokens('`select`').ids[0], 0);
});

test('whitespace includes tabs, vertical tabs, form feeds, line breaks and NBSP', () => {
  assert.deepEqual(describe('1\tor\u000b1\f=\r\n1\u00a0--'), ['number:1', 'boolean:or=or', 'number:1', 'compare:=', 'number:1', 'comment:--']);
});

test('the stream grows past its initial capacity', () => {
  const stream = tokens('a,'.repeat(5000));
  assert.equal(stream.count, 10000);
});

test('every keyword is found by its hash, in any letter case, and ordinary words are not', () => {
  for (const name of ['select', 'information_schema', 'sp_execute_external_script', 'v$version', 'pg_sleep', 'and']) {
    for (const spelling of [name, name.toUpperCase()]) {
      let hash = 0;
      for (let index = 0; index < spelling.length; index++) hash = hashStep(hash, spelling.charCodeAt(index));
      assert.equal(keywordAt(spelling, 0, spelling.length, hash), keywordId(name), spelling);
    }
  }
  assert.deepEqual(describe('selects unionize hello'), ['word:selects', 'word:unionize', 'word:hello']);
  assert.throws(() => keywordId('not-a-keyword'));
});

test('features: what calls and groups do, worked out once per stream', () => {
  const feature = (text: string, index: number): number => tokens(text).features[index] ?? 0;
  assert.equal(feature('sleep(5)', 0) & F_TIME, F_TIME);
  assert.equal(feature('sleep(8 hours)', 0) & F_TIME, 0);
  assert.equal(feature('Thread.sleep(5)', 0) & F_TIME, 0);
  assert.equal(feature('dbms_lock.sleep(5)', 0) & F_TIME, F_TIME);
  assert.equal(feature('benchmark(2024)', 0) & F_TIME, 0);
  assert.equal(feature('benchmark(100,md5(1))', 0) & F_TIME, F_TIME);
  assert.equal(feature('extractvalue(doc)', 0) & F_ERROR, 0);
  assert.equal(feature('extractvalue(1,version())', 0) & F_ERROR, F_ERROR);
  assert.equal(feature('cast(x as int)', 0) & F_ERROR, 0);
  assert.equal(feature('cast(@@version as int)', 0) & F_ERROR, F_ERROR);
  assert.equal(feature('floor(rand(0)*2)', 0) & F_ERROR, F_ERROR);
  assert.equal(feature('user()', 0) & F_SYSTEM, F_SYSTEM);
  assert.equal(feature('user(1)', 0) & F_SYSTEM, 0);
  // A group carries what is inside it, nested groups included.
  assert.equal(feature('(select 1 from (select sleep(1)) a)', 0) & (F_TIME | F_SUBQUERY), F_TIME | F_SUBQUERY);
  assert.equal(feature('(select one)', 0) & F_SUBQUERY, 0);
  const stream = tokens('((a)');
  assert.equal(stream.partners[1], 3);
  assert.equal(stream.partners[0], -1);
  assert.equal(stream.parents[2], 1);
});
