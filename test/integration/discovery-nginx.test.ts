// A real nginx (1.22, nginx-light) with the log_format documented in docs/discovery-sources.md, read
// from that page so the two cannot drift: requests go through nginx to a node upstream, then the
// access log is read with readTrafficFile and checked, including that no credential reached it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { readTrafficFile, type SourceResult } from '../../src/discovery/sources/index.js';

const NGINX = '/usr/sbin/nginx';
const DOC = readFileSync(new URL('../../docs/discovery-sources.md', import.meta.url), 'utf8');
const BEARER = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZGEifQ.c2VjcmV0LXNpZ25hdHVyZQ';
const BASIC = Buffer.from('alice:s3cret-pw').toString('base64');
const API_KEY = 'key-7f3a9c1e';
const BARE_KEY = 'rawkey-0123456789';

/** The ```nginx blocks of the doc: the recommended format, and the opt-in request_body line. */
function documentedNginx(): { recommended: string; bodyLine: string } {
  const blocks = [...DOC.matchAll(/```nginx\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
  const recommended = blocks.find((block) => block.includes('log_format bulwark '));
  const bodyLine = blocks.find((block) => block.includes('$request_body') && !block.includes('log_format'));
  assert.ok(recommended !== undefined && bodyLine !== undefined, 'docs/discovery-sources.md lost its nginx blocks');
  return { recommended, bodyLine: bodyLine.trim() };
}

/** The http { } block: the documented one verbatim (log path moved), plus the same format with bodies. */
function httpBlock(prefix: string, listenPort: number, upstreamPort: number): string {
  const { recommended, bodyLine } = documentedNginx();
  assert.match(recommended, /access_log \S+ bulwark;/);
  const format = /log_format bulwark escape=json[\s\S]*?';/.exec(recommended)?.[0];
  assert.ok(format !== undefined, 'no log_format statement in the documented block');
  const withBody = format.replace('log_format bulwark ', 'log_format bulwark_body ').replace(/^(\s*'"status")/m, `    ${bodyLine}\n$1`);
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((name) => `${name}_temp_path ${join(prefix, name)};`).join('\n  ');
  return `http {
  ${temp}
  client_body_buffer_size 64k;
  client_body_in_single_buffer on;
${recommended.replace(/access_log \S+ bulwark;/, `access_log ${join(prefix, 'access.log')} bulwark;`)}
${withBody}
  access_log ${join(prefix, 'access-body.log')} bulwark_body;
  server {
    listen 127.0.0.1:${listenPort};
    location / { proxy_pass http://127.0.0.1:${upstreamPort}; }
    # Node's parser refuses bytes that are not ASCII in a target, so nginx answers those itself.
    location /caf { default_type application/json; return 200 '{}'; }
  }
}`;
}

async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  probe.close();
  return port;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => socket.end(() => resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** One request through nginx; `path` is sent as is. */
function send(port: number, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: '127.0.0.1', port, method, path, headers }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** A request line with bytes that are not UTF-8, written on a plain socket (http.request would refuse them). */
function sendRaw(port: number, target: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(Buffer.concat([Buffer.from('GET '), target, Buffer.from(' HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n')]));
    });
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.on('end', () => resolve(answer.split('\r\n')[0] ?? ''));
    socket.on('error', reject);
  });
}

function upstream(): Server {
  // Content-Length on every answer: $body_bytes_sent counts chunk framing when a response is chunked.
  const reply = (response: ServerResponse, status: number, type: string, body: string) => {
    response.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) }).end(body);
  };
  return createServer((incoming, response) => {
    incoming.resume();
    incoming.on('end', () => {
      const url = incoming.url ?? '';
      if (url.startsWith('/missing')) reply(response, 404, 'text/html', '<h1>Not found</h1>');
      else if (incoming.method === 'POST' && url === '/v1/users') reply(response, 201, 'application/json', '{"id":7}');
      else reply(response, 200, 'application/json; charset=utf-8', '[{"id":1}]');
    });
  });
}

describe('nginx JSON access log (documented format) → traffic samples', () => {
  let prefix: string;
  let nginx: ChildProcess | undefined;
  let server: Server;
  let port: number;
  let main: SourceResult;
  let withBodies: SourceResult;
  let logText: string;

  before(async () => {
    assert.ok(existsSync(NGINX), `nginx is not installed at ${NGINX}: apt-get install -y nginx-light (CI installs it)`);
    prefix = mkdtempSync(join(tmpdir(), 'bulwark-nginx-'));
    // Worker processes run as nobody when the test runs as root: they must reach the temp paths.
    chmodSync(prefix, 0o755);
    server = upstream().listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = await freePort();
    const config = join(prefix, 'nginx.conf');
    const errorLog = join(prefix, 'error.log');
    writeFileSync(config, `error_log ${errorLog} warn;\nworker_processes 1;\nevents { worker_connections 64; }\n${httpBlock(prefix, port, (server.address() as AddressInfo).port)}\n`);
    nginx = spawn(NGINX, ['-p', prefix, '-c', config, '-e', errorLog, '-g', `daemon off; pid ${join(prefix, 'nginx.pid')};`], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    nginx.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    for (let attempt = 0; !(await accepts(port)); attempt++) {
      const log = existsSync(errorLog) ? readFileSync(errorLog, 'utf8') : '';
      assert.ok(attempt < 100 && nginx.exitCode === null, `nginx did not start: ${stderr}${log}`);
      await sleep(50);
    }
    await exercise();
    await stopNginx();
    logText = readFileSync(join(prefix, 'access.log'), 'utf8');
    main = await readTrafficFile(join(prefix, 'access.log'));
    withBodies = await readTrafficFile(join(prefix, 'access-body.log'));
  });

  async function exercise(): Promise<void> {
    assert.equal(await send(port, 'GET', '/v1/users/42/orders?status=open&tag=caf%C3%A9&q=a+b', { authorization: `Bearer ${BEARER}`, 'x-api-key': API_KEY }), 200);
    assert.equal(await send(port, 'POST', '/v1/users', { authorization: `Basic ${BASIC}`, 'content-type': 'application/json' }, '{"name":"Ada","roles":["admin"]}'), 201);
    assert.equal(await send(port, 'GET', '/missing/page'), 404);
    assert.equal(await send(port, 'POST', '/v1/login', { authorization: BARE_KEY, 'content-type': 'application/x-www-form-urlencoded' }, 'user=ada&password=hunter2'), 200);
    assert.match(await sendRaw(port, Buffer.concat([Buffer.from('/caf'), Buffer.from([0xc3, 0xa9, 0xff]), Buffer.from('?x=%FF')])), / 200 /);
  }

  async function stopNginx(): Promise<void> {
    if (nginx === undefined || nginx.exitCode !== null) return;
    const exited = once(nginx, 'exit');
    // SIGQUIT: graceful shutdown; the access log is written per request and complete by then.
    nginx.kill('SIGQUIT');
    const timer = setTimeout(() => nginx?.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }

  after(async () => {
    await stopNginx();
    server?.close();
    if (prefix !== undefined) rmSync(prefix, { recursive: true, force: true });
  });

  test('the log is detected as nginx and every request is a sample', () => {
    assert.equal(main.format, 'nginx');
    assert.deepEqual(main.skipped, []);
    assert.deepEqual(main.samples.map((sample) => [sample.method, sample.path, sample.status]), [
      ['GET', '/v1/users/42/orders', 200],
      ['POST', '/v1/users', 201],
      ['GET', '/missing/page', 404],
      ['POST', '/v1/login', 200],
      ['GET', '/caf%C3%A9%EF%BF%BD', 200],
    ]);
  });

  test('query parameters are decoded in order, also from bytes that are not UTF-8', () => {
    assert.deepEqual(main.samples[0]?.query, [['status', 'open'], ['tag', 'café'], ['q', 'a b']]);
    assert.equal(main.samples[1]?.query, undefined);
    assert.deepEqual(main.samples[4]?.query, [['x', '\ufffd']]);
  });

  test('the Authorization scheme and API-key presence are there, the credentials are not', () => {
    assert.deepEqual(main.samples.map((sample) => sample.requestHeaders.authorization), ['Bearer', 'Basic', undefined, 'no-scheme', undefined]);
    assert.equal(main.samples[0]?.requestHeaders['x-api-key'], 'present');
    for (const secret of [BEARER, BASIC, 's3cret-pw', API_KEY, BARE_KEY, 'hunter2']) assert.ok(!logText.includes(secret), `the log contains ${secret}`);
  });

  test('ids, times, durations, host and body media types', () => {
    const now = Date.now();
    for (const sample of main.samples) {
      assert.match(sample.requestId, /^[0-9a-f]{32}$/);
      assert.ok(Math.abs(Date.parse(sample.time) - now) < 120_000, sample.time);
      assert.ok(sample.durationMs >= 0 && sample.durationMs < 10_000);
      assert.equal(sample.host, '127.0.0.1');
      assert.equal(sample.source, 'nginx');
    }
    assert.deepEqual(main.samples[0]?.responseBody, { contentType: 'application/json', size: 10 });
    assert.deepEqual(main.samples[1]?.requestBody, { contentType: 'application/json', size: 32 });
    assert.equal(main.samples[1]?.requestHeaders['content-type'], 'application/json');
    assert.deepEqual(main.samples[2]?.responseBody, { contentType: 'text/html', size: 18 });
  });

  test('with the opt-in request_body line, JSON and form bodies are parsed', () => {
    assert.equal(withBodies.samples.length, 5);
    assert.deepEqual(withBodies.samples[1]?.requestBody, { contentType: 'application/json', size: 32, value: { name: 'Ada', roles: ['admin'] } });
    assert.deepEqual(withBodies.samples[3]?.requestBody, { contentType: 'application/x-www-form-urlencoded', size: 25, value: { user: 'ada', password: 'hunter2' } });
    assert.equal(withBodies.samples[0]?.requestBody, undefined);
  });
});
