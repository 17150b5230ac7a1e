import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeHtmlEntities } from './html-entities.js';

test('named, decimal and hex references decode, with or without the semicolon', () => {
  assert.deepEqual(decodeHtmlEntities('&lt;script&gt;'), { value: '<script>', changed: true });
  assert.equal(decodeHtmlEntities('&#x6A;avascript&colon;alert(1)').value, 'javascript:alert(1)');
  assert.equal(decodeHtmlEntities('&#106&#97&#118&#97').value, 'java');
  assert.equal(decodeHtmlEntities('&LT;').value, '<');
});

test('unknown names and plain ampersands stay; out-of-range code points become U+FFFD', () => {
  assert.deepEqual(decodeHtmlEntities('fish & chips &copyright'), { value: 'fish & chips &copyright', changed: false });
  assert.equal(decodeHtmlEntities('&#0;&#x110000;&#xD800;').value, '\uFFFD\uFFFD\uFFFD');
});

test('no ampersand: the input is returned untouched', () => {
  assert.deepEqual(decodeHtmlEntities('plain'), { value: 'plain', changed: false });
});

test('every WHATWG name of ASCII punctuation decodes, in any case (`&Tab;`, `&NewLine;`)', () => {
  const table: Record<string, string> = {
    lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", grave: '`', DiacriticalGrave: '`', sol: '/', bsol: '\\', lpar: '(', rpar: ')',
    lsqb: '[', rsqb: ']', lbrack: '[', rbrack: ']', lcub: '{', rcub: '}', lbrace: '{', rbrace: '}', colon: ':', semi: ';',
    comma: ',', period: '.', equals: '=', excl: '!', quest: '?', num: '#', percnt: '%', dollar: '$', ast: '*', midast: '*',
    plus: '+', verbar: '|', vert: '|', VerticalLine: '|', commat: '@', lowbar: '_', UnderBar: '_', Hat: '^', hyphen: '-', dash: '-',
    Tab: '\t', NewLine: '\n',
  };
  for (const [name, char] of Object.entries(table)) assert.equal(decodeHtmlEntities(`a&${name};b`).value, `a${char}b`, name);
});

test('punctuation names hide template and style syntax', () => {
  assert.equal(decodeHtmlEntities('&lcub;&lcub;config&period;items&lpar;&rpar;&rcub;&rcub;').value, '{{config.items()}}');
  assert.equal(decodeHtmlEntities('&lt;style&gt;&commat;import').value, '<style>@import');
  assert.equal(decodeHtmlEntities('&lcub;&lcub;cycler&period;&lowbar;&lowbar;init&lowbar;&lowbar;&rcub;&rcub;').value, '{{cycler.__init__}}');
  assert.equal(decodeHtmlEntities('&quot;&hyphen;alert&lpar;1&rpar;&hyphen;&quot;').value, '"-alert(1)-"');
});

test('names of Object.prototype members are not references', () => {
  assert.deepEqual(decodeHtmlEntities('&constructor;&hasOwnProperty;'), { value: '&constructor;&hasOwnProperty;', changed: false });
});

test('a long run of ampersands and letters completes', () => {
  const input = '&'.repeat(50_000) + '&abcdefghijklmnopqrstuvwxyz'.repeat(5_000) + '&lcub;';
  assert.ok(decodeHtmlEntities(input).value.endsWith('{'));
});

test('the legacy names lt, gt, amp and quot decode without `;` even before letters, as HTML text does', () => {
  assert.equal(decodeHtmlEntities('&ltscript&gtalert(1)&lt/script&gt').value, '<script>alert(1)</script>');
  assert.equal(decodeHtmlEntities('&quotonmouseover=x').value, '"onmouseover=x');
  assert.equal(decodeHtmlEntities('&ltfoo;').value, '&ltfoo;', 'with a `;` it is an unknown name');
  assert.equal(decodeHtmlEntities('&ample').value, '&le', 'longest match is amp');
});
