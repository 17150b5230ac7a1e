import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { captureOutput } from '../../../test/helpers/cli.js';
import { BulwarkError } from '../../core/errors.js';
import { buildProgram } from '../main.js';
import { DEMO_DIR } from './demo.js';

async function check(file: string): Promise<string> {
  const out: string[] = [];
  // The shared capture passes the test runner's own report through (see test/helpers/cli.ts).
  const stdout = captureOutput(process.stdout, out);
  try {
    await buildProgram().parseAsync(['node', 'bulwark', 'config', 'check', file]);
  } finally {
    stdout.mock.restore();
  }
  return out.join('');
}

test('the demo configuration is valid', async () => {
  assert.match(await check(join(DEMO_DIR, 'bulwark.yaml')), /valid \(1 route\(s\); stages: ip, headers, limits, access, ratelimit, contract, threats, contract-response\)/);
});

test('an invalid file names file, line, key, expectation and finding', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-cfg-'));
  const file = join(dir, 'bad.yaml');
  writeFileSync(file, 'server:\n  maxHeaderBytes: huge\nroutes:\n  - name: api\n    upstream: { url: "ftp://x" }\n');
  try {
    await assert.rejects(check(file), (error: unknown) => {
      assert.ok(error instanceof BulwarkError);
      assert.equal(error.code, 'CONFIG_INVALID');
      assert.match(error.message, new RegExp(`${file.replaceAll('/', '\\/')}:2:\\d+: server.maxHeaderBytes must be a size`));
      assert.match(error.message, /:5:\d+: routes\[0\]\.upstream\.url must match pattern/);
      return true;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
