// Generated benign payloads too large or too binary for the seed files: real PNG images (seeded noise,
// so their base64 is as incompressible and as full of accidental words as a photo's), a CSV contact
// list, a PDF-like attachment and a SAML response. Same bytes on every run.
import { crc32, deflateSync } from 'node:zlib';
import { seededRandom } from './background.js';

/** A valid RGB PNG (PNG spec: signature, IHDR, one IDAT, IEND) of seeded noise. */
export function noisePng(width: number, height: number, seed: number): Buffer {
  const random = seededRandom(seed);
  const rowBytes = width * 3 + 1;
  const raw = Buffer.alloc(rowBytes * height);
  for (let row = 0; row < height; row++) {
    raw[row * rowBytes] = 0; // filter type None
    for (let column = 1; column < rowBytes; column++) raw[row * rowBytes + column] = Math.floor(random() * 256);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length, 0);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32BE(crc32(typed), 0);
  return Buffer.concat([length, typed, checksum]);
}

export function dataUri(png: Buffer): string {
  return `data:image/png;base64,${png.toString('base64')}`;
}

const CSV_ROWS = [
  ['name', 'email', 'company', 'city', 'notes', 'amount'],
  ["Siobhán O'Brien", "o'brien@example.ie", 'Smith & Sons Ltd.', 'Dublin', 'prefers email; no calls', '$1,299.00'],
  ['"Jack ""the Ripper"" Jones"', 'jack@example.com', 'Union Pacific', 'Omaha', 'select plan: Pro', '49.90'],
  ['Mary-Jane Watson', 'mj@example.org', 'Daily Bugle', 'New York, NY', 'drop-off at reception', '0'],
  ['José Ñúñez', 'jose@example.es', 'L\'Oréal', 'Madrid', 'cat allergy (see file)', '€ 12,50'],
  ['山田 太郎', 'yamada@example.jp', '株式会社Example', '東京', '', '¥1,000'],
  ['Anne-Marie D\'Angelo', 'amd@example.it', 'Dell\'Acqua SpA', 'Bologna', 'ping me before 5pm', '120'],
];

export function contactsCsv(): string {
  const lines = CSV_ROWS.map((row) => row.map((cell) => (/[",\n]/.test(cell) && !cell.startsWith('"') ? `"${cell}"` : cell)).join(','));
  for (let index = 0; index < 40; index++) lines.push(`Customer ${index},customer${index}@example.com,Example ${index} GmbH,Berlin,order #${1000 + index},${(index * 7.5).toFixed(2)}`);
  return `${lines.join('\r\n')}\r\n`;
}

function pdfLike(seed: number): Buffer {
  const random = seededRandom(seed);
  const stream = Buffer.alloc(16_000);
  for (let index = 0; index < stream.length; index++) stream[index] = Math.floor(random() * 256);
  const head = '%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n3 0 obj << /Length 16000 /Filter /FlateDecode >>\nstream\n';
  return Buffer.concat([Buffer.from(head, 'latin1'), stream, Buffer.from('\nendstream\nendobj\n%%EOF\n', 'latin1')]);
}

function samlResponse(): string {
  const xml = '<?xml version="1.0" encoding="UTF-8"?><samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_8e8dc5f69a98cc4c1ff3427e5ce34606fd672f91e6" Version="2.0" IssueInstant="2025-06-01T12:00:00Z" Destination="https://app.example.com/saml/acs"><saml:Issuer>https://idp.example.com/metadata</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status><saml:Assertion ID="_d71a3a8e9fcc45c9e9d248ef7049393fc8f04e5f75" Version="2.0" IssueInstant="2025-06-01T12:00:00Z"><saml:Issuer>https://idp.example.com/metadata</saml:Issuer><saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">o\'brien@example.ie</saml:NameID></saml:Subject><saml:AttributeStatement><saml:Attribute Name="displayName"><saml:AttributeValue>Siobhán O\'Brien</saml:AttributeValue></saml:Attribute></saml:AttributeStatement></saml:Assertion></samlp:Response>';
  return Buffer.from(xml, 'utf8').toString('base64');
}

export type Asset = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'binary'; readonly bytes: Buffer };

/** The assets that `@asset:<name>` in a benign request seed refers to. */
export function buildAssets(): ReadonlyMap<string, Asset> {
  const large = noisePng(120, 110, 7);
  return new Map<string, Asset>([
    ['png-small', { kind: 'binary', bytes: noisePng(32, 32, 3) }],
    ['png-large', { kind: 'binary', bytes: large }],
    ['data-uri-png', { kind: 'text', text: dataUri(large) }],
    ['csv', { kind: 'text', text: contactsCsv() }],
    ['pdf-base64', { kind: 'text', text: pdfLike(11).toString('base64') }],
    ['saml-response', { kind: 'text', text: samlResponse() }],
  ]);
}

/** Data URIs of 8, 24 and 48 KB images: the benign values a profile-picture field carries. */
export function dataUriValues(): string[] {
  return [noisePng(48, 55, 21), noisePng(90, 88, 22), noisePng(128, 125, 23)].map(dataUri);
}
