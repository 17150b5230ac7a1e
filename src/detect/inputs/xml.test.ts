import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createFieldSink } from './field-sink.js';
import { DEFAULT_EXTRACT_LIMITS, type ExtractLimits } from './limits.js';
import { HAS_HANDLER_SLOTS, extractXml } from './xml.js';

function extract(xml: string, limits: Partial<ExtractLimits> = {}) {
  const sink = createFieldSink({ ...DEFAULT_EXTRACT_LIMITS, ...limits });
  extractXml(sink, Buffer.from(xml, 'utf8'));
  for (const field of sink.fields) assert.deepEqual([field.kind, field.isName], ['body', false]);
  return { rows: sink.fields.map((field) => [field.location, field.source, field.name, field.value]), sink };
}

const SOAP_WITH_DOCTYPE = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE soap:Envelope [
  <!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:u="urn:users">
  <soap:Header><u:Token>abc123</u:Token></soap:Header>
  <soap:Body>
    <u:getUser>
      <u:name>&xxe;</u:name>
      <u:filter mode="exact">O'Brien &amp; sons</u:filter>
    </u:getUser>
  </soap:Body>
</soap:Envelope>`;

test('a SOAP envelope with a DOCTYPE: the declaration whole, text by local-name path, attributes, undeclared entities kept as written', () => {
  const { rows, sink } = extract(SOAP_WITH_DOCTYPE);
  assert.deepEqual(rows, [
    ['body.xml#doctype', 'xml', '!doctype', '<!DOCTYPE soap:Envelope [\n  <!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>'],
    ['body.xml./Envelope@xmlns:soap', 'xml', 'xmlns:soap', 'http://schemas.xmlsoap.org/soap/envelope/'],
    ['body.xml./Envelope@xmlns:u', 'xml', 'xmlns:u', 'urn:users'],
    ['body.xml./Envelope/Header/Token', 'xml', 'Token', 'abc123'],
    ['body.xml./Envelope/Body/getUser/name', 'xml', 'name', '&xxe;'],
    ['body.xml./Envelope/Body/getUser/filter@mode', 'xml', 'mode', 'exact'],
    ['body.xml./Envelope/Body/getUser/filter', 'xml', 'filter', "O'Brien & sons"],
  ]);
  assert.equal(sink.truncated, false);
  assert.deepEqual(sink.problems, [], 'an entity saxes cannot resolve does not make the document malformed');
});

test('CDATA and text around child elements and comments join up, as textContent would read them', () => {
  assert.deepEqual(extract('<q>\' OR <!-- x -->1=1<![CDATA[--<b>]]><i>inner</i> end</q>').rows, [
    ['body.xml./q/i', 'xml', 'i', 'inner'],
    ['body.xml./q', 'xml', 'q', "' OR 1=1--<b> end"],
  ]);
});

test('processing instructions are fields; XInclude and XSLT elements get fixed prefixes by namespace, whatever the document wrote', () => {
  const xml = `<?xml-stylesheet type="text/xsl" href="http://evil.example/x.xsl"?>
<doc xmlns:inc="http://www.w3.org/2001/XInclude" xmlns:t="http://www.w3.org/1999/XSL/Transform">
  <inc:include parse="text" href="file:///etc/passwd"/>
  <t:value-of select="document('/etc/passwd')"/>
</doc>`;
  assert.deepEqual(extract(xml).rows.map((row) => [row[0], row[3]]), [
    ['body.xml#pi.xml-stylesheet', 'type="text/xsl" href="http://evil.example/x.xsl"'],
    ['body.xml./doc@xmlns:inc', 'http://www.w3.org/2001/XInclude'],
    ['body.xml./doc@xmlns:t', 'http://www.w3.org/1999/XSL/Transform'],
    ['body.xml./doc/xi:include@parse', 'text'],
    ['body.xml./doc/xi:include@href', 'file:///etc/passwd'],
    ['body.xml./doc/xsl:value-of@select', "document('/etc/passwd')"],
  ]);
});

test('an element named __proto__ shows in the location (the pollution detector reads it there)', () => {
  assert.deepEqual(extract('<root><__proto__><isAdmin>true</isAdmin></__proto__></root>').rows, [['body.xml./root/__proto__/isAdmin', 'xml', 'isAdmin', 'true']]);
});

test('a billion-laughs DOCTYPE is one field and nothing is expanded', () => {
  const xml = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><lolz>&lol2;</lolz>';
  assert.deepEqual(extract(xml).rows, [
    ['body.xml#doctype', 'xml', '!doctype', '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'],
    ['body.xml./lolz', 'xml', 'lolz', '&lol2;'],
  ]);
});

test('a malformed document keeps what was extracted and is also inspected as raw text', () => {
  const xml = '<user><name>ok</name><bio><script>alert(1)</bio>';
  const { rows, sink } = extract(xml);
  assert.deepEqual(rows, [
    ['body.xml./user/name', 'xml', 'name', 'ok'],
    ['body.xml./user/bio/script', 'xml', 'script', 'alert(1)'],
    ['body.raw', 'raw', '', xml],
  ]);
  assert.deepEqual(sink.problems, ['a malformed XML body was also inspected as text']);
  assert.equal(extract('not xml at all').rows.at(-1)?.[0], 'body.raw');
});

test('past maxDepth paths stop growing; deeper text is still a field', () => {
  const { rows, sink } = extract('<a><b><c><d>deep</d></c></b></a>', { maxDepth: 2 });
  assert.deepEqual(rows, [['body.xml./a/b/...', 'xml', 'd', 'deep']]);
  assert.equal(sink.truncated, true);
});

test('a flood of errors stops saxes early and falls back to text', () => {
  const xml = '<a>' + '&x;'.repeat(50_000) + '</a><b>';
  const { rows } = extract(xml, { maxFieldChars: 1_000_000, maxRawBytes: 10_000_000 });
  assert.deepEqual(rows.map((row) => row[0]), ['body.raw']);
});

test('50 000 nested elements and 50 000 unclosed tags complete', () => {
  assert.equal(extract('<a>'.repeat(50_000) + 'x' + '</a>'.repeat(50_000)).rows.length, 1);
  assert.match(String(extract('<a '.repeat(50_000)).rows.at(-1)?.[0]), /^body\.raw/);
  const declarations = '<a xmlns:x="urn:x">'.repeat(50_000) + '<x:b>y</x:b>';
  assert.deepEqual(extract(declarations, { maxFields: 100_000 }).rows.find((row) => row[2] === 'b'), ['body.xml./a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/...', 'xml', 'b', 'y']);
});

test('the installed saxes keeps its handlers where the fast path assigns them', () => {
  assert.equal(HAS_HANDLER_SLOTS, true);
});
