// `bulwark scan` in-process against the vulnerable fixture and its fixed twin: the gate's exit
// status, reports written by extension, and errors that name the option.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CommanderError } from 'commander';
import { runCommand } from '../../../test/helpers/cli.js';
import { isBulwarkError } from '../../core/errors.js';
import { startVulnerableApi } from '../../../test/fixtures/vulnerable-api/server.js';
import { registerScanCommand, SCAN_GATE_FAILED_EXIT_CODE } from './scan.js';

const scan = (...args: string[]) => runCommand(registerScanCommand, 'scan', args);
const SPEC = resolve('test/fixtures/vulnerable-api/openapi.yaml');
const AUTH = resolve('test/fixtures/vulnerable-api/scan-identities.yaml');
const dir = mkdtempSync(join(tmpdir(), 'bulwark-scan-'));

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => assert.fail('expected a failure'), (error: unknown) => error);
}

describe('bulwark scan', () => {
  let vulnerable: Awaited<ReturnType<typeof startVulnerableApi>>;
  let fixed: Awaited<ReturnType<typeof startVulnerableApi>>;
  before(async () => {
    vulnerable = await startVulnerableApi({ fixed: false });
    fixed = await startVulnerableApi({ fixed: true });
  });
  after(async () => {
    await vulnerable.close();
    await fixed.close();
  });

  it('fails the gate on the vulnerable twin and writes every report asked for', async () => {
    const json = join(dir, 'scan.json');
    const html = join(dir, 'scan.html');
    const error = await failure(scan('--spec', SPEC, '--target', vulnerable.url, '--auth', AUTH, '--checks', 'api8,api2.jwt-tampering', '--rate', '500', '--report', json, '--report', html, '-f', 'json', '-o', join(dir, 'out.json')));
    assert.ok(error instanceof CommanderError && error.exitCode === SCAN_GATE_FAILED_EXIT_CODE);
    const report = JSON.parse(readFileSync(json, 'utf8')) as { format: string; findings: { checkId: string }[] };
    assert.equal(report.format, 'bulwark-scan/v1');
    assert.ok(report.findings.some((finding) => finding.checkId === 'api2.jwt-tampering'));
    assert.match(readFileSync(html, 'utf8'), /^<!DOCTYPE html>/i);
  });

  it('passes the gate on the fixed twin', async () => {
    const out = await scan('--spec', SPEC, '--target', fixed.url, '--auth', AUTH, '--checks', 'api8,api2.jwt-tampering', '--rate', '500', '--no-progress');
    assert.match(out, /Scan of /);
  });

  it('names the option or file at fault', async () => {
    const codeOf = async (...args: string[]): Promise<string> => {
      const error = await failure(scan(...args));
      assert.ok(isBulwarkError(error));
      return error.code;
    };
    assert.equal(await codeOf('--target', fixed.url), 'CLI_ARGUMENT_INVALID');
    assert.equal(await codeOf('--spec', SPEC, '--target', 'ftp://example.invalid'), 'SCAN_TARGET_INVALID');
    assert.equal(await codeOf('--spec', SPEC, '--target', 'http://user:pw@127.0.0.1'), 'SCAN_TARGET_INVALID');
    assert.equal(await codeOf('--spec', SPEC, '--target', fixed.url, '--checks', 'api99'), 'CLI_ARGUMENT_INVALID');
    assert.equal(await codeOf('--spec', SPEC, '--target', fixed.url, '--rate', '0'), 'CLI_ARGUMENT_INVALID');
    assert.equal(await codeOf('--spec', SPEC, '--target', fixed.url, '--auth', join(dir, 'missing.yaml')), 'CONFIG_READ_FAILED');
  });

  it('lists its checks', async () => {
    assert.match(await scan('--list-checks'), /api8\.security-headers[\s\S]*injection\.sql[\s\S]*api1\.bola/);
  });
});
