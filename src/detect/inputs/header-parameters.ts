// Parameters of a header value such as `form-data; name="a"; filename="x.txt"` or a multipart
// Content-Type's boundary (RFC 9110 §5.6.6 parameters, RFC 6266 for Content-Disposition). Read leniently
// in one pass: the point is to see what a parser upstream may see, not to judge the syntax.

/** Lowercased parameter names to values (quoted-strings unquoted); the first of repeated names wins, as busboy does. */
export function parseHeaderParameters(value: string): Map<string, string> {
  const parameters = new Map<string, string>();
  let at = skipQuotedTo(value, 0);
  while (at < value.length) {
    // `at` is on a ';'
    at = skipSpaces(value, at + 1);
    let nameEnd = at;
    while (nameEnd < value.length && value[nameEnd] !== '=' && value[nameEnd] !== ';') nameEnd++;
    const name = value.slice(at, nameEnd).trim().toLowerCase();
    if (value[nameEnd] !== '=') {
      at = nameEnd;
      continue;
    }
    const valueStart = skipSpaces(value, nameEnd + 1);
    const read = value[valueStart] === '"' ? readQuoted(value, valueStart) : readToken(value, valueStart);
    if (name.length > 0 && !parameters.has(name)) parameters.set(name, read.text);
    at = skipQuotedTo(value, read.end);
  }
  return parameters;
}

export function parameterOf(value: string, name: string): string | undefined {
  return parseHeaderParameters(value).get(name);
}

/** From `start`, the index of the next ';' outside quotes (or the end). */
function skipQuotedTo(value: string, start: number): number {
  let at = start;
  let isQuoted = false;
  for (; at < value.length; at++) {
    const char = value[at];
    if (isQuoted && char === '\\') at++;
    else if (char === '"') isQuoted = !isQuoted;
    else if (char === ';' && !isQuoted) break;
  }
  return at;
}

/** A quoted-string opening at `start`: its text with backslash escapes undone, and where it ends. */
function readQuoted(value: string, start: number): { text: string; end: number } {
  let text = '';
  let at = start + 1;
  let copied = at;
  for (; at < value.length && value[at] !== '"'; at++) {
    if (value[at] === '\\' && at + 1 < value.length) {
      text += value.slice(copied, at);
      copied = at + 1;
      at++;
    }
  }
  return { text: text + value.slice(copied, at), end: Math.min(at + 1, value.length) };
}

function readToken(value: string, start: number): { text: string; end: number } {
  let end = start;
  while (end < value.length && value[end] !== ';') end++;
  return { text: value.slice(start, end).trim(), end };
}

function skipSpaces(value: string, start: number): number {
  let at = start;
  while (at < value.length && (value[at] === ' ' || value[at] === '\t')) at++;
  return at;
}
