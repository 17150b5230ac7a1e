// The corpus generator: deterministic, stable unique ids, the size and coverage the yardstick promises
// (every class in every realistic placement and encoding), and requests a server would accept.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bodyBytes, toInspectRequest, type CorpusCase } from './case.js';
import { encodePayload, escapeMinimal, percentEncodeAll, unicodeEscape } from './encodings.js';
import { loadCorpus } from './generate.js';
import { CLASS_PROFILES, KEY_OTHERS, KEY_PRIMARY } from './profiles.js';
import { loadAttackSeeds, loadBenignGroups, parseAttackSeed } from './seeds.js';

const corpus = loadCorpus();
const attacks = corpus.filter((corpusCase) => corpusCase.expect === 'attack');
const benign = corpus.filter((corpusCase) => corpusCase.expect === 'benign');

function header(corpusCase: CorpusCase, name: string): string[] {
  const values: string[] = [];
  const raw = corpusCase.request.rawHeaders;
  for (let index = 0; index < raw.length; index += 2) if (raw[index]!.toLowerCase() === name) values.push(raw[index + 1]!);
  return values;
}

test('the corpus is the same on every load', () => {
  assert.equal(JSON.stringify(loadCorpus()), JSON.stringify(corpus));
});

test('case ids are unique and read <seed>-<nnn>/<placement>/<encoding>', () => {
  assert.equal(new Set(corpus.map((corpusCase) => corpusCase.id)).size, corpus.length);
  for (const corpusCase of corpus) {
    assert.match(corpusCase.id, /^[a-z-]+-\d{3}\/[a-z-]+\/[a-z0-9-]+$/);
    assert.ok(corpusCase.id.endsWith(`/${corpusCase.placement}/${corpusCase.encoding}`), corpusCase.id);
  }
  assert.ok(corpus.some((corpusCase) => corpusCase.id === 'sqli-001/query/plain'));
  assert.ok(corpus.some((corpusCase) => corpusCase.id === 'sqli-001/query/url'));
});

test('every attack class has its seed file with enough payloads', () => {
  const seeds = loadAttackSeeds();
  assert.deepEqual([...seeds.keys()].sort(), Object.keys(CLASS_PROFILES).sort());
  const large = new Set(['sqli', 'xss', 'cmdi', 'lfi', 'ssrf']);
  for (const [attackClass, list] of seeds) assert.ok(list.length >= (large.has(attackClass) ? 40 : 15), `${attackClass}: ${list.length} seeds`);
});

test('several thousand attack and benign cases, from at least 600 distinct benign values', () => {
  assert.ok(attacks.length >= 3000, `${attacks.length} attack cases`);
  assert.ok(benign.length >= 3000, `${benign.length} benign cases`);
  const distinct = new Set(loadBenignGroups().flatMap((group) => group.values));
  assert.ok(distinct.size >= 600, `${distinct.size} distinct benign values`);
});

test('every class appears in every placement and encoding its profile names', () => {
  const seeds = loadAttackSeeds();
  const seen = new Set(attacks.map((corpusCase) => `${corpusCase.attackClass!} ${corpusCase.placement} ${corpusCase.encoding}`));
  const has = (prefix: string): boolean => [...seen].some((key) => key.startsWith(prefix));
  for (const [attackClass, profile] of Object.entries(CLASS_PROFILES)) {
    const kinds = new Set(seeds.get(attackClass as keyof typeof CLASS_PROFILES)!.map((seed) => seed.kind));
    const placements = [...(kinds.has('value') ? [...profile.primary, ...profile.others] : []), ...(kinds.has('key') ? [...KEY_PRIMARY, ...KEY_OTHERS] : []), ...(kinds.has('request') ? ['request'] : [])];
    for (const placement of placements) assert.ok(has(`${attackClass} ${placement} `), `${attackClass} never in ${placement}`);
    for (const encoding of ['plain', ...profile.encodings]) assert.ok([...seen].some((key) => key.startsWith(`${attackClass} `) && key.endsWith(` ${encoding}`)), `${attackClass} never ${encoding}`);
  }
});

test('requests are well formed: a Host, a matching Content-Length, JSON bodies that parse', () => {
  for (const corpusCase of corpus) {
    if (corpusCase.attackClass === 'protocol') continue;
    assert.equal(header(corpusCase, 'host').length, 1, corpusCase.id);
    const { body } = corpusCase.request;
    if (body === undefined) continue;
    assert.deepEqual(header(corpusCase, 'content-length'), [String(bodyBytes(body).length)], corpusCase.id);
    if (/^application\/(?:[\w.-]+\+)?json$/.test(toInspectRequest(corpusCase).body!.mediaType)) assert.doesNotThrow(() => JSON.parse(body.text!), corpusCase.id);
  }
});

test('attack cases carry the benign background headers', () => {
  const sample = attacks.filter((corpusCase) => corpusCase.placement === 'query');
  assert.ok(sample.every((corpusCase) => header(corpusCase, 'user-agent').length === 1 && header(corpusCase, 'accept').length === 1));
  assert.ok(sample.some((corpusCase) => header(corpusCase, 'authorization').some((value) => value.startsWith('Bearer ey'))));
  assert.ok(sample.some((corpusCase) => header(corpusCase, 'referer').some((value) => value.startsWith('http://localhost:3000'))));
});

test('toInspectRequest lowercases the media type and keeps binary bodies as bytes', () => {
  const upload = corpus.find((corpusCase) => corpusCase.placement === 'multipart-filename' && corpusCase.request.body?.base64 !== undefined)!;
  const request = toInspectRequest(upload);
  assert.equal(request.body!.mediaType, 'multipart/form-data');
  assert.ok(request.body!.bytes.includes(Buffer.from([0x89, 0x50, 0x4e, 0x47])));
});

test('encodings spell the payload the way a backend decodes it', () => {
  assert.equal(percentEncodeAll("' OR 1=1"), '%27%20OR%201%3D1');
  assert.equal(encodePayload('<a>', 'double-url', { variant: 0 }), '%253Ca%253E');
  assert.equal(unicodeEscape('<script>'), '\\u003cscript\\u003e');
  assert.equal(encodePayload('<b>', 'html-entity', { variant: 0 }), '&#x3c;b&#x3e;');
  assert.equal(encodePayload('<b>', 'html-entity', { variant: 2 }), '&lt;b&gt;');
  assert.equal(encodePayload('http://127.0.0.1/x', 'full-width', { variant: 0, fullWidthHostOnly: true }), 'http://１２７．０．０．１/x');
  assert.equal(escapeMinimal("/etc/passwd%00 'x'&y", { reserved: '&#+', spaceAsPlus: true, keepPercentEscapes: true }), "/etc/passwd%00+'x'%26y");
  assert.equal(escapeMinimal('100%', { reserved: '&#+', spaceAsPlus: true, keepPercentEscapes: false }), '100%25');
});

test('a malformed seed is rejected with its file and index', () => {
  assert.throws(() => parseAttackSeed({ payload: 'x' }, 'attacks/x.json[3]'), /attacks\/x\.json\[3\].*note/);
  assert.throws(() => parseAttackSeed({ note: 'n', key: [] }, 'attacks/x.json[0]'), /payload/);
  assert.equal(parseAttackSeed({ note: 'n', key: ['a', '$ne'], value: 1 }, 'w').kind, 'key');
});
