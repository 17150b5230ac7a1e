// `bulwark serve` as an operator runs it: a separate process, SIGHUP reloads, SIGTERM drains and
// exits 0, the JSON log carries access lines and events with secrets masked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { startUpstream } from '../helpers/harness.js';

const ENTRY = "import('./src/cli/main.ts').then(async (m) => { process.exitCode = await m.main(process.argv); })";

test('serve: start, SIGHUP reload, SIGTERM graceful exit with events flushed', async () => {
  const api = await startUpstream((_req, res) => setTimeout(() => res.end('ok'), 200));
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-cli-'));
  const file = join(dir, 'bulwark.yaml');
  const db = join(dir, 'events.db');
  const yaml = (deny: string) => `server:
  listeners: [{ protocol: http, host: 127.0.0.1, port: 0 }]
admin: { port: 0 }
store: { sqlite: { path: ${db} } }
stages: { ip: { deny: [${deny}] } }
routes:
  - name: api
    upstream: { url: ${api.url} }
`;
  writeFileSync(file, yaml(''));
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', ENTRY, 'bulwark', 'serve', '-c', file, '--no-watch'], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no listener line; stderr: ${stderr}`)), 15_000);
      const poll = setInterval(() => {
        const match = /gateway listening on (http:\/\/[\d.:]+)/.exec(stdout);
        if (match?.[1]) {
          clearInterval(poll);
          clearTimeout(timer);
          resolve(match[1]);
        }
      }, 50);
    });
    const first = await request(`${url}/x`, { headers: { authorization: 'Bearer super-secret-token-value' } });
    assert.equal(first.statusCode, 200);
    await first.body.dump();

    writeFileSync(file, yaml('127.0.0.1'));
    child.kill('SIGHUP');
    let status = 200;
    for (let i = 0; i < 100 && status !== 403; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const res = await request(`${url}/x`);
      status = res.statusCode;
      await res.body.dump();
    }
    assert.equal(status, 403, 'SIGHUP reloaded the deny list');

    writeFileSync(file, yaml(''));
    child.kill('SIGHUP');
    for (let i = 0; i < 100 && status !== 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const res = await request(`${url}/x`).catch(() => undefined);
      status = res?.statusCode ?? 0;
      await res?.body.dump();
    }
    const inflight = request(`${url}/slow`).then(async (res) => [res.statusCode, await res.body.text()]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    child.kill('SIGTERM');
    assert.deepEqual(await inflight, [200, 'ok'], 'in-flight request finished during shutdown');
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    assert.equal(code, 0, stderr);

    const lines = stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { type?: string; event?: { ruleId: string } });
    assert.ok(lines.some((l) => l.type === 'access'), 'access log lines');
    assert.ok(lines.some((l) => l.type === 'security-event' && l.event?.ruleId === 'ip.denied'), 'events in the log');
    assert.doesNotMatch(stdout, /super-secret-token-value/);
    const { openEventStore } = await import('../../src/store/index.js');
    const store = openEventStore({ sqlite: { path: db } });
    const events = await store.queryEvents({ ruleId: 'ip.denied' });
    await store.close();
    assert.ok(events.length >= 1, 'events flushed to SQLite before exit');
    assert.ok(readFileSync(db).length > 0);
  } finally {
    child.kill('SIGKILL');
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
