import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { posix } from 'node:path';
import { isFileLike, pathTraversal } from './path-traversal.js';
import { documentWith, scanWith, startTinyApi, type TinyAnswer, type TinyRequest } from './test-context.js';

const PASSWD = 'root:x:0:0:root:/root:/bin/bash\nnobody:x:65534:65534::/:/usr/sbin/nologin\n';
const FILES: Record<string, string> = { '/srv/public/readme.txt': 'hello\n', '/etc/passwd': PASSWD };
const document = documentWith({
  '/files/{name}': { get: { parameters: [{ name: 'name', in: 'path', required: true, schema: { type: 'string' } }], responses: { '200': { description: 'The file.' } } } },
  '/render': { get: { parameters: [{ name: 'templatePath', in: 'query', required: true, schema: { type: 'string' } }], responses: { '200': { description: 'Rendered.' } } } },
  '/users': { get: { parameters: [{ name: 'role', in: 'query', required: true, schema: { type: 'string' } }], responses: { '200': { description: 'Users.' } } } },
});

/** Joins the decoded name to /srv/public without confinement, like `path.resolve(dir, name)`. */
function read(name: string): TinyAnswer {
  const content = FILES[posix.resolve('/srv/public', name)];
  return content === undefined ? { status: 404, body: { title: 'No such file' } } : { body: content };
}

function unconfined(request: TinyRequest): TinyAnswer {
  if (request.url.pathname === '/render') return read(request.url.searchParams.get('templatePath') ?? '');
  if (request.url.pathname === '/users') return { body: [] };
  // The router matched one segment, then decoded it: `..%2F` becomes `../`.
  const segment = request.rawPath.slice('/files/'.length);
  return read(decodeURIComponent(segment));
}

function confined(request: TinyRequest): TinyAnswer {
  const name = request.url.pathname === '/render' ? request.url.searchParams.get('templatePath') ?? '' : decodeURIComponent(request.rawPath.slice('/files/'.length));
  if (name.includes('/') || name.includes('\\') || name.includes('..')) return { status: 400, body: { title: 'Invalid file name' } };
  return read(name);
}

describe('injection.path-traversal', () => {
  it('reads /etc/passwd through an encoded path segment and through a query value', async () => {
    const api = await startTinyApi(unconfined);
    try {
      const report = await scanWith(pathTraversal, document, api.target);
      assert.deepEqual(report.findings.map((finding) => [finding.severity, finding.confidence, finding.operation]), [
        ['high', 'confirmed', 'GET /files/{name}'], ['high', 'confirmed', 'GET /render'],
      ]);
      assert.match(report.findings[0]!.evidence[1]!.request.url, /\/files\/(?:\.\.%2F){8}etc%2Fpasswd$/);
      assert.match(report.findings[0]!.message, /path name: .*content of \/etc\/passwd/);
      assert.ok(!api.requests.some((request) => request.url.pathname === '/users' && request.url.search.includes('..')), 'a role is not a file name');
    } finally {
      await api.close();
    }
  });

  it('reports nothing when names are confined, within a few requests per place', async () => {
    const api = await startTinyApi(confined);
    try {
      const report = await scanWith(pathTraversal, document, api.target);
      assert.deepEqual(report.findings, []);
      assert.ok(report.requestsSent <= 20, `bounded: ${report.requestsSent}`);
    } finally {
      await api.close();
    }
  });

  it('takes file-like names and values, not every text', () => {
    const point = (name: string, value: unknown) => ({ location: 'query' as const, name, schema: {}, value });
    assert.equal(isFileLike(point('fileName', 'a')), true);
    assert.equal(isFileLike(point('template_path', 'a')), true);
    assert.equal(isFileLike({ ...point('/download', 'a'), location: 'body' }), true);
    assert.equal(isFileLike(point('name', 'a')), true);
    assert.equal(isFileLike(point('q', 'report.pdf')), true);
    assert.equal(isFileLike(point('username', 'alice')), false);
    assert.equal(isFileLike(point('email', 'user1@example.com')), false);
    assert.equal(isFileLike(point('path', 7)), false);
  });
});
