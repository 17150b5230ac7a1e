// Glob patterns for rule ids and input locations in exclusions (`sqli.*`, `body.$.*.comment`): `*`
// matches any run of characters, nothing else is special. Matched by ordered substring search, which
// is linear in the text per pattern part, so a pattern from the config cannot make matching explode.

export type GlobMatcher = (text: string) => boolean;

export function compileGlob(pattern: string): GlobMatcher {
  if (pattern === '*') return () => true;
  const parts = pattern.split('*');
  if (parts.length === 1) return (text) => text === pattern;
  const first = parts[0] as string;
  const last = parts[parts.length - 1] as string;
  const middle = parts.slice(1, -1).filter((part) => part.length > 0);
  const minimumLength = first.length + last.length + middle.reduce((sum, part) => sum + part.length, 0);
  return (text) => {
    if (text.length < minimumLength || !text.startsWith(first) || !text.endsWith(last)) return false;
    // Leftmost matches of the middle parts, in order, between the fixed head and tail: if any
    // placement works the leftmost one does, since `*` absorbs whatever lies between.
    let at = first.length;
    const end = text.length - last.length;
    for (const part of middle) {
      const found = text.indexOf(part, at);
      if (found === -1 || found + part.length > end) return false;
      at = found + part.length;
    }
    return true;
  };
}
