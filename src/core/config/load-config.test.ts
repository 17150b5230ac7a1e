import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Type } from '@sinclair/typebox';
import { BulwarkError } from '../errors.js';
import { parseConfigText, type ConfigProblem } from './load-config.js';
import { Bytes, Duration } from './schema-types.js';

const schema = Type.Object({
  name: Type.String(),
  port: Type.Integer({ minimum: 1, maximum: 65535 }),
  tls: Type.Boolean({ default: false }),
  timeout: Duration('10s'),
  size: Bytes('1mb'),
  mode: Type.Union([Type.Literal('enforce'), Type.Literal('monitor')], { default: 'enforce' }),
  nested: Type.Object({ list: Type.Array(Type.String(), { default: [] }) }, { additionalProperties: false, default: {} }),
}, { additionalProperties: false });

function problemsOf(fn: () => unknown): { code: string; problems: ConfigProblem[] } {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof BulwarkError);
    return { code: error.code, problems: error.details as ConfigProblem[] };
  }
  assert.fail('expected an error');
}

test('fills defaults and converts durations and sizes', () => {
  const value = parseConfigText<Record<string, unknown>>('name: a\nport: 80\ntimeout: 2m\n', schema, 'x.yaml');
  assert.deepEqual(value, { name: 'a', port: 80, tls: false, timeout: 120_000, size: 1_048_576, mode: 'enforce', nested: { list: [] } });
});

test('interpolates ${VAR} and ${VAR:-default}; whole references become numbers and booleans', () => {
  const value = parseConfigText<Record<string, unknown>>('name: "svc-${NAME}"\nport: ${PORT}\ntls: ${TLS:-true}\nsize: ${SIZE:-2kb}\n', schema, 'x.yaml', { NAME: 'api', PORT: '8443' });
  assert.equal(value.name, 'svc-api');
  assert.equal(value.port, 8443);
  assert.equal(value.tls, true);
  assert.equal(value.size, 2048);
  const escaped = parseConfigText<Record<string, unknown>>('name: "$${NOT_A_VAR}"\nport: 1\n', schema, 'x.yaml', {});
  assert.equal(escaped.name, '${NOT_A_VAR}');
});

test('a missing variable names the key and the variable', () => {
  const { code, problems } = problemsOf(() => parseConfigText('name: ${SECRET_NAME}\nport: 1\n', schema, 'x.yaml', {}));
  assert.equal(code, 'CONFIG_ENV_MISSING');
  assert.equal(problems[0]?.path, 'name');
  assert.match(problems[0]?.message ?? '', /SECRET_NAME/);
});

test('interpolated text never becomes YAML structure', () => {
  const value = parseConfigText<Record<string, unknown>>('name: ${EVIL}\nport: 1\n', schema, 'x.yaml', { EVIL: '{a: 1}\nport: 2' });
  assert.equal(value.name, '{a: 1}\nport: 2');
  assert.equal(value.port, 1);
});

test('every problem names the key path, line, what was expected and what was found', () => {
  const text = 'name: a\nport: "eighty"\ntimeout: soon\nmode: block\nnested:\n  list: [1]\n  extra: true\nunknown: 1\n';
  const { code, problems } = problemsOf(() => parseConfigText(text, schema, 'cfg.yaml', {}));
  assert.equal(code, 'CONFIG_INVALID');
  const byPath = new Map(problems.map((p) => [p.path, p]));
  assert.match(byPath.get('port')?.message ?? '', /must be integer, found "eighty"/);
  assert.equal(byPath.get('port')?.line, 2);
  assert.match(byPath.get('timeout')?.message ?? '', /duration/);
  assert.match(byPath.get('mode')?.message ?? '', /found "block"/);
  assert.match(byPath.get('nested.list[0]')?.message ?? '', /must be string, found 1/);
  assert.equal(byPath.get('nested.extra')?.message, 'is not a known key');
  assert.equal(byPath.get('nested.extra')?.line, 7);
  assert.equal(byPath.get('unknown')?.message, 'is not a known key');
});

test('a missing required key is reported as such', () => {
  const { problems } = problemsOf(() => parseConfigText('name: a\n', schema, 'x.yaml'));
  assert.deepEqual(problems.map((p) => [p.path, p.message]), [['port', 'is required']]);
});

test('YAML syntax errors and duplicate keys give line and column', () => {
  const syntax = problemsOf(() => parseConfigText('name: [a\nport: 1\n', schema, 'x.yaml'));
  assert.equal(syntax.code, 'CONFIG_PARSE_FAILED');
  assert.ok((syntax.problems[0]?.line ?? 0) >= 1);
  const duplicate = problemsOf(() => parseConfigText('name: a\nname: b\nport: 1\n', schema, 'x.yaml'));
  assert.equal(duplicate.code, 'CONFIG_PARSE_FAILED');
  assert.equal(duplicate.problems[0]?.line, 2);
});

test('alias bombs are refused', () => {
  const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`)].join('\n');
  assert.equal(problemsOf(() => parseConfigText(bomb, schema, 'x.yaml')).code, 'CONFIG_PARSE_FAILED');
});
