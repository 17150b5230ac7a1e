// Splits a partial-segment parameter's literal tail off a segment: `123.json`, `abc:cancel`.

export interface SegmentParts {
  /** The part that may be a parameter value. */
  readonly base: string;
  /** The literal tail kept in the template (`.json`, `.tar.gz`, `:cancel`), or ''. */
  readonly suffix: string;
}

/**
 * Only known file extensions split: a dot is common inside values (`john.doe`, `1.2.3`), and an
 * unknown "extension" would make every dotted value its own template.
 */
const EXTENSIONS: ReadonlySet<string> = new Set([
  'json', 'jsonl', 'ndjson', 'xml', 'csv', 'tsv', 'txt', 'html', 'htm', 'pdf', 'yaml', 'yml', 'md',
  'png', 'jpg', 'jpeg', 'gif', 'webp', 'svg', 'ico', 'bmp', 'tiff', 'avif', 'heic', 'mp3', 'mp4',
  'wav', 'ogg', 'webm', 'mov', 'zip', 'gz', 'tgz', 'bz2', 'xz', 'tar', '7z', 'rar', 'xls', 'xlsx',
  'doc', 'docx', 'ppt', 'pptx', 'odt', 'ods', 'rtf', 'epub', 'ics', 'vcf', 'rss', 'atom', 'js',
  'css', 'map', 'wasm', 'bin', 'dat', 'log', 'patch', 'diff', 'pem', 'crt', 'cer', 'der', 'key',
  'p12', 'pfx', 'jwt', 'proto', 'avro', 'parquet', 'ttl', 'rdf', 'geojson', 'kml', 'gpx', 'glb',
]);

/** Google AIP-136 custom methods: `/v1/instances/abc123:start`. A verb is letters, then letters or digits. */
const CUSTOM_METHOD = /^[A-Za-z][A-Za-z0-9]{0,31}$/;

export function splitSuffix(segment: string): SegmentParts {
  const colon = segment.lastIndexOf(':');
  if (colon > 0 && CUSTOM_METHOD.test(segment.slice(colon + 1))) {
    return { base: segment.slice(0, colon), suffix: segment.slice(colon) };
  }
  const dot = segment.lastIndexOf('.');
  if (dot <= 0 || !EXTENSIONS.has(segment.slice(dot + 1).toLowerCase())) return { base: segment, suffix: '' };
  // `.tar.gz` and friends: a double extension is one suffix.
  const inner = segment.lastIndexOf('.', dot - 1);
  if (inner > 0 && segment.slice(inner + 1, dot).toLowerCase() === 'tar') {
    return { base: segment.slice(0, inner), suffix: segment.slice(inner) };
  }
  return { base: segment.slice(0, dot), suffix: segment.slice(dot) };
}
