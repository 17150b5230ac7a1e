import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isMediaTypeAllowed, parseMultipart, sniffMediaType, type MultipartLimits, type MultipartParse } from './multipart-body.js';

const BOUNDARY = 'x-b0undary';
const CONTENT_TYPE = `multipart/form-data; boundary=${BOUNDARY}`;
const LIMITS: MultipartLimits = { maxParts: 10, maxFiles: 3, maxFileBytes: 2048, maxFieldBytes: 64, maxHeaderPairs: 4 };
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

interface Part {
  readonly headers: readonly string[];
  readonly content: string | Buffer;
}

function field(name: string, value: string): Part {
  return { headers: [`Content-Disposition: form-data; name="${name}"`], content: value };
}

function file(name: string, filename: string, content: string | Buffer, contentType?: string): Part {
  const disposition = `Content-Disposition: form-data; name="${name}"; filename="${filename}"`;
  return { headers: contentType === undefined ? [disposition] : [disposition, `Content-Type: ${contentType}`], content };
}

/** Joins parts with CRLF framing; `close: false` leaves out the closing boundary. */
function multipart(parts: readonly Part[], { boundary = BOUNDARY, close = true } = {}): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n${part.headers.join('\r\n')}\r\n\r\n`), Buffer.from(part.content), Buffer.from('\r\n'));
  }
  if (close) chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

function raw(text: string): Buffer {
  return Buffer.from(text.replaceAll('\n', '\r\n'), 'latin1');
}

async function parse(body: Buffer, limits: Partial<MultipartLimits> = {}, contentType = CONTENT_TYPE): Promise<MultipartParse> {
  return parseMultipart(body, contentType, { ...LIMITS, ...limits });
}

async function failureOf(body: Buffer, limits: Partial<MultipartLimits> = {}, contentType = CONTENT_TYPE): Promise<{ reason: string; problem: string }> {
  const result = await parse(body, limits, contentType);
  assert.equal(result.ok, false, 'expected a failure');
  return result.ok ? { reason: '', problem: '' } : { reason: result.reason, problem: result.problem };
}

describe('parseMultipart: well-formed bodies', () => {
  it('collects text fields, repeated names as arrays, decoded as UTF-8', async () => {
    const result = await parse(multipart([field('title', 'Été à Paris'), field('tag', 'a'), field('tag', 'b'), field('empty', '')]));
    assert.deepEqual(result, { ok: true, fields: { title: ['Été à Paris'], tag: ['a', 'b'], empty: [''] }, files: [] });
  });

  it('reports files with their declared type, or application/octet-stream without a Content-Type', async () => {
    const png = Buffer.concat([PNG, Buffer.alloc(1000, 7)]);
    const result = await parse(multipart([
      field('caption', 'hi'),
      file('photo', 'dir/Photo.PNG', png, 'Image/PNG; name=x'),
      file('notes', 'notes.txt', 'plain words'),
      file('blob', 'data.bin', Buffer.from([0, 1, 2]), 'application/octet-stream'),
    ]));
    assert.deepEqual(result, {
      ok: true,
      fields: { caption: ['hi'] },
      files: [
        { field: 'photo', filename: 'dir/Photo.PNG', declaredType: 'image/png', sniffedType: 'image/png', size: 1008 },
        { field: 'notes', filename: 'notes.txt', declaredType: 'application/octet-stream', sniffedType: 'text/plain', size: 11 },
        { field: 'blob', filename: 'data.bin', declaredType: 'application/octet-stream', sniffedType: undefined, size: 3 },
      ],
    });
  });

  it('treats an application/octet-stream part without a filename as a file', async () => {
    const result = await parse(multipart([{ headers: ['Content-Disposition: form-data; name="upload"', 'Content-Type: application/octet-stream'], content: '%PDF-1.7' }]));
    assert.deepEqual(result.ok && result.files, [{ field: 'upload', filename: '', declaredType: 'application/octet-stream', sniffedType: 'application/pdf', size: 8 }]);
  });

  it('accepts an empty form, a preamble and an epilogue', async () => {
    assert.deepEqual(await parse(raw(`--${BOUNDARY}--\n`)), { ok: true, fields: {}, files: [] });
    const body = Buffer.concat([Buffer.from('preamble\r\n'), multipart([field('a', '1')]), Buffer.from('epilogue')]);
    assert.deepEqual(await parse(body), { ok: true, fields: { a: ['1'] }, files: [] });
  });

  it('keeps names that shadow Object.prototype members as plain own fields', async () => {
    const result = await parse(multipart([field('toString', 'x'), field('hasOwnProperty', 'y'), field('toString', 'z')]));
    assert.deepEqual(result, { ok: true, fields: { toString: ['x', 'z'], hasOwnProperty: ['y'] }, files: [] });
  });

  it('reads a browser-style body serialised by FormData and Response', async () => {
    const form = new FormData();
    form.append('title', 'Hello');
    form.append('tags', 'a');
    form.append('tags', 'b');
    form.append('upload', new Blob([Buffer.concat([PNG, Buffer.alloc(24)])], { type: 'image/png' }), 'photo.png');
    const response = new Response(form);
    const contentType = response.headers.get('content-type') ?? '';
    const body = Buffer.from(await response.arrayBuffer());
    assert.deepEqual(await parseMultipart(body, contentType, LIMITS), {
      ok: true,
      fields: { title: ['Hello'], tags: ['a', 'b'] },
      files: [{ field: 'upload', filename: 'photo.png', declaredType: 'image/png', sniffedType: 'image/png', size: 32 }],
    });
  });
});

describe('parseMultipart: limits', () => {
  it('fails with too-many-parts above maxParts, and allows exactly maxParts', async () => {
    const parts = [field('a', '1'), file('f', 'f.txt', 'x'), field('b', '2')];
    assert.equal((await parse(multipart(parts), { maxParts: 3 })).ok, true);
    const failure = await failureOf(multipart([...parts, field('c', '3')]), { maxParts: 3 });
    assert.deepEqual(failure, { reason: 'too-many-parts', problem: 'the body has more than 3 parts' });
  });

  it('fails with too-many-files above maxFiles, and allows exactly maxFiles', async () => {
    const parts = [file('f', 'a.txt', 'a'), file('f', 'b.txt', 'b')];
    assert.equal((await parse(multipart(parts), { maxFiles: 2 })).ok, true);
    assert.equal((await failureOf(multipart([...parts, file('f', 'c.txt', 'c')]), { maxFiles: 2 })).reason, 'too-many-files');
  });

  it('fails with file-too-large above maxFileBytes, and allows exactly maxFileBytes', async () => {
    const exact = await parse(multipart([file('f', 'a.bin', Buffer.alloc(100, 1))]), { maxFileBytes: 100 });
    assert.equal(exact.ok && exact.files[0]?.size, 100);
    const failure = await failureOf(multipart([file('f', 'a.bin', Buffer.alloc(101, 1)), field('after', 'x')]), { maxFileBytes: 100 });
    assert.deepEqual(failure, { reason: 'file-too-large', problem: 'a file is larger than 100 bytes' });
  });

  it('fails with field-too-large above maxFieldBytes (counted in bytes), and allows exactly maxFieldBytes', async () => {
    assert.equal((await parse(multipart([field('v', 'é'.repeat(5))]), { maxFieldBytes: 10 })).ok, true);
    const secret = 'secret-value-é';
    const failure = await failureOf(multipart([field('v', secret)]), { maxFieldBytes: 10 });
    assert.deepEqual(failure, { reason: 'field-too-large', problem: 'a field value is larger than 10 bytes' });
  });

  it('fails as malformed above maxHeaderPairs per part, which busboy itself ignores', async () => {
    const headers = ['Content-Disposition: form-data; name="a"', 'X-One: 1', 'X-Two: 2'];
    assert.equal((await parse(multipart([{ headers, content: 'v' }]), { maxHeaderPairs: 3 })).ok, true);
    const failure = await failureOf(multipart([{ headers: [...headers, 'X-Three: 3'], content: 'v' }]), { maxHeaderPairs: 3 });
    assert.deepEqual(failure, { reason: 'malformed', problem: 'a part has more than 3 header fields' });
  });
});

describe('parseMultipart: boundary', () => {
  const body = multipart([field('a', '1')]);
  const cases: readonly [string, string][] = [
    ['multipart/form-data', 'no boundary parameter'],
    ['multipart/form-data; boundary=""', 'empty'],
    [`multipart/form-data; boundary=${'a'.repeat(71)}`, 'longer than 70'],
    ['multipart/form-data; boundary="a b "', 'ending with a space'],
    ['multipart/form-data; boundary="a{b}"', 'characters outside bchars'],
    [`multipart/form-data; boundary=${BOUNDARY}; boundary=other`, 'repeated'],
    [`multipart/form-data; boundary=${BOUNDARY};`, 'dangling ;'],
    [`multipart/mixed; boundary=${BOUNDARY}`, 'not form-data'],
    ['', 'empty header'],
  ];
  for (const [contentType, label] of cases) {
    it(`fails with boundary: ${label}`, async () => {
      assert.equal((await failureOf(body, {}, contentType)).reason, 'boundary');
    });
  }

  it('accepts a quoted boundary with RFC 2046 specials, and parameters in any case', async () => {
    const boundary = "a'(b)+_,-./:=? c";
    assert.equal((await parse(multipart([field('a', '1')], { boundary }), {}, `Multipart/Form-Data; charset=utf-8; BOUNDARY="${boundary}"`)).ok, true);
  });

  it('fails as malformed when the body uses another boundary', async () => {
    assert.equal((await failureOf(multipart([field('a', '1')], { boundary: 'other' }))).reason, 'malformed');
  });
});

describe('parseMultipart: malformed bodies', () => {
  it('fails on a body truncated inside a part, and on a missing closing boundary', async () => {
    const full = multipart([field('a', '1'), file('f', 'f.bin', Buffer.alloc(50, 1))]);
    assert.deepEqual(await failureOf(full.subarray(0, full.length - 40)), { reason: 'malformed', problem: 'the body ends before its closing boundary' });
    assert.equal((await failureOf(multipart([field('a', '1')], { close: false }))).reason, 'malformed');
    assert.equal((await failureOf(raw(`--${BOUNDARY}\nContent-Disposition: form-data; name="a"\n\nvalue\n--${BOUNDARY}`))).reason, 'malformed');
    assert.equal((await failureOf(Buffer.alloc(0))).reason, 'malformed');
  });

  const badHeaders: readonly [string, readonly string[]][] = [
    ['a header line without a colon', ['Content-Disposition: form-data; name="a"', 'garbage']],
    ['a control character in a header value (busboy rejects it)', ['Content-Disposition: form-data; name="a"', 'X-Bad: a\x01b']],
    ['no Content-Disposition', ['Content-Type: text/plain']],
    ['a Content-Disposition other than form-data', ['Content-Disposition: attachment; name="a"']],
    ['a Content-Disposition without a name', ['Content-Disposition: form-data; filename="a.txt"']],
    ['an empty name', ['Content-Disposition: form-data; name=""']],
    ['a repeated Content-Disposition', ['Content-Disposition: form-data; name="a"', 'Content-Disposition: form-data; name="b"']],
    ['a repeated name parameter', ['Content-Disposition: form-data; name="a"; name="b"']],
    ['a repeated Content-Type', ['Content-Disposition: form-data; name="a"', 'Content-Type: text/plain', 'Content-Type: image/png']],
    ['a malformed Content-Type', ['Content-Disposition: form-data; name="a"; filename="a"', 'Content-Type: image']],
    ['a folded header', ['Content-Disposition: form-data;', ' name="a"']],
  ];
  for (const [label, headers] of badHeaders) {
    it(`fails on ${label}`, async () => {
      assert.equal((await failureOf(multipart([field('ok', '1'), { headers, content: 'v' }]))).reason, 'malformed');
    });
  }

  it('fails on a part without headers and on padding after a boundary, both of which busboy skips silently', async () => {
    assert.deepEqual(await failureOf(raw(`--${BOUNDARY}\n\nvalue\n--${BOUNDARY}--\n`)), { reason: 'malformed', problem: 'a part has no headers' });
    const padded = raw(`--${BOUNDARY}  \nContent-Disposition: form-data; name="a"\n\nvalue\n--${BOUNDARY}--\n`);
    assert.deepEqual(await failureOf(padded), { reason: 'malformed', problem: 'a boundary line has trailing characters' });
  });

  it('rejects the reserved field names without polluting any prototype', async () => {
    for (const name of ['__proto__', 'constructor', 'prototype']) {
      const failure = await failureOf(multipart([field('a', '1'), field(name, '{"polluted":true}')]));
      assert.deepEqual(failure, { reason: 'malformed', problem: `a part uses the reserved field name "${name}"` });
      assert.equal((await failureOf(multipart([file(name, 'a.txt', 'x')]))).reason, 'malformed');
    }
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('never echoes values or filenames in problems', async () => {
    const secret = 'TOP-SECRET';
    const failures = await Promise.all([
      failureOf(multipart([field('a', secret.repeat(10))]), { maxFieldBytes: 20 }),
      failureOf(multipart([file('a', `${secret}.bin`, Buffer.alloc(30))]), { maxFileBytes: 20 }),
      failureOf(multipart([field('a', secret)]).subarray(0, 60)),
    ]);
    for (const { problem } of failures) assert.ok(!problem.includes(secret), problem);
  });
});

describe('sniffMediaType', () => {
  const cases: readonly [string, Buffer][] = [
    ['image/png', Buffer.concat([PNG, Buffer.from([0, 0, 0, 13])])],
    ['image/jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])],
    ['image/gif', Buffer.from('GIF87a\x01\x00', 'latin1')],
    ['image/gif', Buffer.from('GIF89a\x01\x00', 'latin1')],
    ['image/webp', Buffer.from('RIFF\x24\x00\x00\x00WEBPVP8 ', 'latin1')],
    ['application/pdf', Buffer.from('%PDF-1.7\n', 'latin1')],
    ['application/zip', Buffer.from('PK\x03\x04\x14\x00', 'latin1')],
    ['application/zip', Buffer.from('PK\x05\x06\x00\x00', 'latin1')],
    ['application/gzip', Buffer.from([0x1f, 0x8b, 0x08, 0x00])],
    ['text/plain', Buffer.from('name,age\nAda,36\n')],
    ['text/plain', Buffer.from('naïve – ✓')],
  ];
  for (const [type, head] of cases) {
    it(`recognises ${type} from ${head.subarray(0, 4).toString('hex')}`, () => {
      assert.equal(sniffMediaType(head), type);
    });
  }

  it('does not take a RIFF container other than WebP for an image', () => {
    assert.equal(sniffMediaType(Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt ', 'latin1')), undefined);
  });

  it('returns undefined for binary, invalid UTF-8, NULs and empty input', () => {
    assert.equal(sniffMediaType(Buffer.from([0x00, 0x01, 0x02])), undefined);
    assert.equal(sniffMediaType(Buffer.from([0x61, 0xc3, 0x28])), undefined);
    assert.equal(sniffMediaType(Buffer.from('text\0more')), undefined);
    assert.equal(sniffMediaType(Buffer.alloc(0)), undefined);
  });

  it('looks at the first 512 bytes only and tolerates a character cut at the 512-byte mark', () => {
    assert.equal(sniffMediaType(Buffer.concat([Buffer.alloc(512, 0x61), Buffer.from([0])])), 'text/plain');
    assert.equal(sniffMediaType(Buffer.concat([Buffer.alloc(511, 0x61), Buffer.from('é')])), 'text/plain');
    assert.equal(sniffMediaType(Buffer.concat([Buffer.alloc(10, 0x61), Buffer.from([0xc3])])), undefined);
  });
});

describe('isMediaTypeAllowed', () => {
  it('matches exact types case-insensitively, ignoring parameters on both sides', () => {
    assert.equal(isMediaTypeAllowed('Image/PNG; q=1', ['image/png']), true);
    assert.equal(isMediaTypeAllowed('image/png', ['IMAGE/PNG;charset=x']), true);
    assert.equal(isMediaTypeAllowed('image/jpeg', ['image/png']), false);
  });

  it('matches subtype and full wildcards', () => {
    assert.equal(isMediaTypeAllowed('image/webp', ['application/pdf', 'image/*']), true);
    assert.equal(isMediaTypeAllowed('text/plain', ['image/*']), false);
    assert.equal(isMediaTypeAllowed('application/zip', ['*/*']), true);
  });

  it('refuses malformed or wildcard media types and an empty list', () => {
    assert.equal(isMediaTypeAllowed('image/png', []), false);
    assert.equal(isMediaTypeAllowed('image', ['*/*']), false);
    assert.equal(isMediaTypeAllowed('', ['*/*']), false);
    assert.equal(isMediaTypeAllowed('image/*', ['image/*']), false);
    assert.equal(isMediaTypeAllowed('image/png', ['*/png', 'png']), false);
  });
});
