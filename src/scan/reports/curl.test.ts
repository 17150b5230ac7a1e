import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import type { SentRequest } from '../exchange.js';
import { curlOf, shellQuote } from './curl.js';
import { fixtureReport } from './report-fixture.js';

/** The words a shell passes to curl for `line`, with `curl` replaced by a function that prints them. */
function wordsOf(line: string, shell = 'bash'): string[] {
  const script = `curl() { printf '%s\\0' "$@"; }\n${line}\n`;
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/home/nobody', BULWARK_ALICE_TOKEN: 'alice secret', BULWARK_BOB_API_KEY: 'k*y' };
  const output = execFileSync(shell, ['-c', script], { env, encoding: 'utf8' });
  return output.split('\0').slice(0, -1);
}

describe('curlOf', () => {
  it('writes method, URL, headers and body as single-quoted words, leaving placeholders to the shell', () => {
    const request: SentRequest = { method: 'PUT', url: 'https://api.example/orders/1?a=1&b=2', headers: { authorization: 'Bearer $BULWARK_ALICE_TOKEN', 'content-type': 'application/json' }, body: '{"a":1}' };
    assert.equal(curlOf(request), `curl -X PUT 'https://api.example/orders/1?a=1&b=2' -H 'authorization: Bearer '"$BULWARK_ALICE_TOKEN" -H 'content-type: application/json' --data-raw '{"a":1}'`);
    assert.deepEqual(wordsOf(curlOf(request)), ['-X', 'PUT', 'https://api.example/orders/1?a=1&b=2', '-H', 'authorization: Bearer alice secret', '-H', 'content-type: application/json', '--data-raw', '{"a":1}']);
  });

  it('leaves out the method curl infers, and uses -I for HEAD', () => {
    assert.equal(curlOf({ method: 'GET', url: 'https://a.example/', headers: {} }), `curl 'https://a.example/'`);
    assert.equal(curlOf({ method: 'POST', url: 'https://a.example/', headers: {}, body: '' }), `curl 'https://a.example/' --data-raw ''`);
    assert.equal(curlOf({ method: 'HEAD', url: 'https://a.example/', headers: {} }), `curl -I 'https://a.example/'`);
    assert.equal(curlOf({ method: 'GET', url: 'https://a.example/', headers: {}, body: 'x' }), `curl -X GET 'https://a.example/' --data-raw 'x'`);
    assert.equal(curlOf({ method: "PRO'PFIND", url: 'https://a.example/', headers: {} }), `curl -X 'PRO'\\''PFIND' 'https://a.example/'`);
  });

  it('escapes single quotes, and expands nothing that is not a placeholder ($HOME, backquotes, $(...), globs)', () => {
    const body = `it's $HOME \`id\` $(id) * "$BULWARK_lower" $BULWARK_ \\ '' end`;
    assert.equal(shellQuote("it's"), `'it'\\''s'`);
    assert.equal(shellQuote(''), `''`);
    const line = curlOf({ method: 'POST', url: 'https://a.example/', headers: {}, body });
    assert.deepEqual(wordsOf(line), ['https://a.example/', '--data-raw', body]);
    assert.deepEqual(wordsOf(line, 'dash'), ['https://a.example/', '--data-raw', body]);
  });

  it('expands placeholders anywhere in a word, never splitting or globbing their values', () => {
    assert.equal(shellQuote('$BULWARK_ALICE_TOKEN'), '"$BULWARK_ALICE_TOKEN"');
    assert.equal(shellQuote('a$BULWARK_BOB_API_KEYb$BULWARK_ALICE_TOKEN'), `'a'"$BULWARK_BOB_API_KEY"'b'"$BULWARK_ALICE_TOKEN"`);
    const line = curlOf({ method: 'GET', url: 'https://a.example/?key=$BULWARK_BOB_API_KEY', headers: { cookie: 's=$BULWARK_ALICE_TOKEN;x=1' } });
    assert.deepEqual(wordsOf(line), ['https://a.example/?key=k*y', '-H', 'cookie: s=alice secret;x=1']);
  });

  it('keeps the line on one line: newlines, control characters and bidi overrides become $\'...\' escapes', () => {
    const body = 'a\nb\r\tc\u001b[31m\u202e\u0000d\'\\e $HOME';
    const line = curlOf({ method: 'POST', url: 'https://a.example/', headers: {}, body });
    assert.equal(line, `curl 'https://a.example/' --data-raw $'a\\nb\\r\\tc\\033[31m\\342\\200\\256\\000d\\'\\\\e $HOME'`);
    assert.ok(!line.includes('\n') && !line.includes('\u001b'));
    // A shell cannot pass a NUL in an argument: bash stops the word there, as curl would.
    assert.deepEqual(wordsOf(line), ['https://a.example/', '--data-raw', 'a\nb\r\tc\u001b[31m\u202e']);
    const withoutNul = curlOf({ method: 'POST', url: 'https://a.example/', headers: {}, body: body.replace('\u0000', '') });
    assert.deepEqual(wordsOf(withoutNul), ['https://a.example/', '--data-raw', body.replace('\u0000', '')]);
  });

  it('sends an empty header as curl does (`name;`), and asks curl not to glob brackets or squash dot segments', () => {
    assert.deepEqual(wordsOf(curlOf({ method: 'GET', url: 'https://a.example/', headers: { 'x-empty': '' } })), ['https://a.example/', '-H', 'x-empty;']);
    assert.match(curlOf({ method: 'GET', url: 'https://a.example/?filter[name]=x', headers: {} }), /^curl -g '/);
    assert.match(curlOf({ method: 'GET', url: 'https://a.example/files/../etc/passwd', headers: {} }), /^curl --path-as-is '/);
    assert.match(curlOf({ method: 'GET', url: 'https://a.example/a/..', headers: {} }), /^curl --path-as-is '/);
    assert.doesNotMatch(curlOf({ method: 'GET', url: 'https://a.example/a..b/.hidden', headers: {} }), /path-as-is/);
  });

  it('reproduces every evidence request of the fixture exactly', () => {
    for (const finding of fixtureReport().findings) {
      for (const { request } of finding.evidence) {
        const words = wordsOf(curlOf(request));
        assert.ok(words.includes(request.url.replace('$BULWARK_BOB_API_KEY', 'k*y')), request.url);
        if (request.body !== undefined) assert.equal(words[words.indexOf('--data-raw') + 1], request.body);
      }
    }
  });
});
