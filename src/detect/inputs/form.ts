// URL-encoded form bodies (`application/x-www-form-urlencoded`, WHATWG URL §5): the query syntax, located
// as `body.form.<name>` and kept percent-encoded with `+` for space, as the normalisers expect of a form.
import { report, type FieldSink } from './field-sink.js';
import { extractPairs } from './query.js';
import { decodeUtf8 } from './raw.js';

export function extractForm(sink: FieldSink, bytes: Buffer): void {
  const limit = sink.limits.maxRawBytes;
  if (bytes.length > limit) report(sink, `a form body larger than ${limit} bytes was inspected only up to that size`);
  extractPairs(sink, decodeUtf8(bytes, limit), 'body', 'form', 'body.form.', undefined);
}
