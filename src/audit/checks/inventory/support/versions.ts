// Version markers in URLs: `/v1`, `/v2.1`, `/v3beta`, `/1.0`, `/2024-01-15`. Read by hand, segment by
// segment, with no regular expression.

/** The major version of a `v<digits>` segment (`v2`, `V2.1`, `v3beta`), or undefined. */
export function majorOfSegment(segment: string): number | undefined {
  if (segment.length < 2 || (segment[0] !== 'v' && segment[0] !== 'V')) return undefined;
  let end = 1;
  while (end < segment.length && isDigit(segment.charCodeAt(end))) end++;
  if (end === 1 || end - 1 > 6) return undefined;
  const rest = segment.slice(end);
  // What may follow the major: a minor (`.1`), a pre-release (`beta`, `-alpha`), or nothing.
  if (rest !== '' && rest[0] !== '.' && rest[0] !== '-' && rest[0] !== '_' && !isLetter(rest.charCodeAt(0))) return undefined;
  return Number(segment.slice(1, end));
}

/** Whether a segment names a version: `v1`-style, `1.0`-style or a `2024-01-15` date. */
export function isVersionSegment(segment: string): boolean {
  if (majorOfSegment(segment) !== undefined) return true;
  return isDottedNumber(segment) || isDate(segment);
}

/** The major version of the first `v<digits>` segment of a path, if any. */
export function majorOfPath(path: string): number | undefined {
  for (const segment of path.split('/')) {
    const major = majorOfSegment(segment);
    if (major !== undefined) return major;
  }
  return undefined;
}

function isDottedNumber(segment: string): boolean {
  const parts = segment.split('.');
  return parts.length >= 2 && parts.length <= 4 && parts.every((part) => part.length > 0 && part.length <= 6 && allDigits(part));
}

function isDate(segment: string): boolean {
  const parts = segment.split('-');
  return parts.length === 3 && parts[0]?.length === 4 && parts[1]?.length === 2 && parts[2]?.length === 2 && parts.every(allDigits);
}

function allDigits(text: string): boolean {
  for (let index = 0; index < text.length; index++) if (!isDigit(text.charCodeAt(index))) return false;
  return text.length > 0;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}
