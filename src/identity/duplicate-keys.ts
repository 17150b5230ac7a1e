// Finds a member name used twice in a JSON object's top level. JSON.parse keeps the last one, and
// other JWT libraries keep the first: a token with `"sub":"alice", ..., "sub":"admin"` would mean
// different things to the gateway and to the upstream (RFC 8725 §2.7 and RFC 7519 §4: a JWT with
// duplicate claim names must be rejected, or only the last used; we reject). Linear, one pass.

/** The first duplicated top-level member name of a JSON object text, or undefined. Assumes valid JSON. */
export function duplicateTopLevelKey(json: string): string | undefined {
  const seen = new Set<string>();
  let depth = 0;
  let expectingKey = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c === 34 /* " */) {
      const start = i + 1;
      let end = start;
      let hasEscape = false;
      while (end < json.length && json.charCodeAt(end) !== 34) {
        if (json.charCodeAt(end) === 92 /* \ */) {
          hasEscape = true;
          end++;
        }
        end++;
      }
      if (depth === 1 && expectingKey) {
        const raw = json.slice(start, end);
        const name = hasEscape ? (JSON.parse(`"${raw}"`) as string) : raw;
        if (seen.has(name)) return name;
        seen.add(name);
        expectingKey = false;
      }
      i = end;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      depth++;
      if (depth === 1 && c === 123) expectingKey = true;
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      depth--;
    } else if (c === 44 /* , */ && depth === 1) {
      expectingKey = true;
    }
  }
  return undefined;
}
