import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isBulwarkError } from './errors.js';
import { createLogger, DEFAULT_SENSITIVE_HEADERS } from './logger.js';

const SECRET = 'Bearer eyJhbGciOiJIUzI1NiJ9.secret-token-value';

function memoryLogger(redactHeaders?: readonly string[]) {
  const lines: string[] = [];
  const logger = createLogger({ level: 'info', redactHeaders, destination: { write: (line: string) => { lines.push(line); } } });
  return { logger, lines, output: () => lines.join('') };
}

describe('createLogger', () => {
  test('exports the default sensitive headers in lower case', () => {
    for (const name of ['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key']) {
      assert.ok(DEFAULT_SENSITIVE_HEADERS.includes(name), name);
    }
  });

  test('redacts request and response credentials whatever their case', () => {
    const { logger, output } = memoryLogger();
    logger.info({
      req: { method: 'GET', url: '/x', headers: { Authorization: SECRET, 'X-API-Key': 'bwk_secret-key-value', accept: '*/*' } },
      res: { statusCode: 200, headers: { 'Set-Cookie': ['session=secret-cookie-value'] } },
    }, 'request');
    const text = output();
    assert.ok(!text.includes('secret'), text);
    const line = JSON.parse(text);
    assert.equal(line.req.headers.authorization, '[REDACTED]');
    assert.equal(line.req.headers['x-api-key'], '[REDACTED]');
    assert.equal(line.req.headers.accept, '*/*');
    assert.equal(line.res.headers['set-cookie'], '[REDACTED]');
  });

  test('redacts configured headers too and leaves the logged object untouched', () => {
    const { logger, output } = memoryLogger(['X-Tenant-Token']);
    const req = { headers: { 'x-tenant-token': 'tenant-secret', cookie: 'a=secret' } };
    logger.warn({ req }, 'denied');
    assert.ok(!output().includes('secret'), output());
    assert.equal(req.headers['x-tenant-token'], 'tenant-secret');
  });

  test('redacts in child logger bindings as well', () => {
    const { logger, output } = memoryLogger();
    logger.child({ req: { headers: { authorization: SECRET } } }).info('child');
    assert.ok(!output().includes('secret'), output());
  });

  test('serializes a raw IncomingMessage without leaking its Authorization header', async () => {
    const { logger, output } = memoryLogger();
    const server = createServer((req: IncomingMessage, res) => {
      logger.info({ req }, 'incoming');
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      await new Promise<void>((resolve, reject) => {
        request({ port, host: '127.0.0.1', path: '/p', headers: { Authorization: SECRET } }, (res) => {
          res.resume();
          res.on('end', resolve);
        }).on('error', reject).end();
      });
    } finally {
      server.close();
    }
    const line = JSON.parse(output());
    assert.equal(line.req.url, '/p');
    assert.equal(line.req.headers.authorization, '[REDACTED]');
    assert.ok(!output().includes('secret'));
  });

  test('honours the level', () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'warn', destination: { write: (line: string) => { lines.push(line); } } });
    logger.info('hidden');
    logger.warn('shown');
    assert.equal(lines.length, 1);
  });

  test('rejects a configured name that is not a header name', () => {
    assert.throws(() => memoryLogger(['bad"name']), (error) => isBulwarkError(error) && error.code === 'CONFIG_INVALID');
  });
});
