import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stripSqlComments } from './sql-comments.js';

test('block comments become one space', () => {
  assert.deepEqual(stripSqlComments('1 UNION/**/SELECT/*x*/password'), { value: '1 UNION SELECT password', changed: true });
  assert.equal(stripSqlComments("' OR/*\n multi-line */1=1").value, "' OR 1=1");
  assert.equal(stripSqlComments('UN/**/ION').value, 'UN ION', 'a space, as the server reads it: not a keyword');
  assert.equal(stripSqlComments('/*+ INDEX(t) */SELECT').value, ' SELECT', 'optimizer hints are comments too');
});

test('MySQL and MariaDB executable comments keep their content', () => {
  assert.equal(stripSqlComments('1 /*!UNION*/ /*!50000SELECT*/ 2').value, '1  UNION   SELECT  2');
  assert.equal(stripSqlComments('/*!500001=1*/').value, ' 1=1 ', 'five version digits, then code');
  assert.equal(stripSqlComments('/*M!100501 OR 1=1*/').value, '  OR 1=1 ');
  assert.equal(stripSqlComments('/*!UNION/**/SELECT*/').value, ' UNION SELECT ', 'a plain comment inside code');
});

test('an unterminated comment runs to the end; an unterminated executable comment keeps its code', () => {
  assert.equal(stripSqlComments("admin'/*").value, "admin' ");
  assert.equal(stripSqlComments("admin' /* and more").value, "admin'  ");
  assert.equal(stripSqlComments('1 /*!UNION SELECT').value, '1  UNION SELECT');
});

test('line comments are left for the tokenizer; text without comments is untouched', () => {
  assert.deepEqual(stripSqlComments("admin'-- x # y"), { value: "admin'-- x # y", changed: false });
  assert.deepEqual(stripSqlComments('a / b * c */ d'), { value: 'a / b * c */ d', changed: false });
});

test('adversarial input simply completes and stays linear in shape', () => {
  assert.equal(stripSqlComments('/*!' + '/**/'.repeat(50_000)).value, ' ' + ' '.repeat(50_000));
  assert.equal(stripSqlComments('/*!' + '/* x'.repeat(50_000)).value, '  ');
  assert.equal(stripSqlComments('/*/*/').value, ' ', 'the opener\'s star does not close it');
  assert.equal(stripSqlComments('/* '.repeat(50_000)).value, ' ');
  assert.equal(stripSqlComments('*/ '.repeat(50_000)).changed, false);
  assert.equal(stripSqlComments('/*!*/'.repeat(50_000)).value, '  '.repeat(50_000));
});
