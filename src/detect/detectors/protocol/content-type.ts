// The request's Content-Type as a smuggling and evasion vector: two headers that disagree (one hop
// parses JSON, the next text or a form, so the inspected body is not the one the application reads),
// and a charset whose bytes hide markup and keywords from ASCII inspection (UTF-7's `+ADw-script+AD4-`,
// EBCDIC's reordered code points), which servers such as IIS and Java still decode.

/** UTF-7 names (RFC 2152 and the IANA aliases). */
const UTF7 = new Set(['utf-7', 'utf7', 'x-utf-7', 'unicode-1-1-utf-7', 'csunicode11utf7', 'utf-7-imap']);
/** EBCDIC code pages by number, reached through `ibm037`, `cp037`, `ibm-1047` and the like. */
const EBCDIC_PAGES = new Set([
  '37', '273', '277', '278', '280', '284', '285', '290', '297', '420', '423', '424', '500', '870', '871', '875', '924', '1025', '1026',
  '1047', '1140', '1141', '1142', '1143', '1144', '1145', '1146', '1147', '1148', '1149',
]);
const EBCDIC_PREFIXES = ['ibm-', 'ibm', 'cp-', 'cp', 'csibm'];

/** Whether the Content-Type headers name different media types or parameters. */
export function isConflictingContentType(values: readonly string[]): boolean {
  if (values.length < 2) return false;
  const first = normalize(values[0] as string);
  for (let index = 1; index < values.length; index++) if (normalize(values[index] as string) !== first) return true;
  return false;
}

/** The charset parameter when it is one of the ASCII-incompatible ones attackers use to hide a body, else undefined. */
export function evasiveCharset(contentType: string): string | undefined {
  const lower = contentType.toLowerCase();
  const at = lower.indexOf('charset');
  if (at === -1) return undefined;
  let start = at + 7;
  while (lower.charCodeAt(start) === 32 || lower.charCodeAt(start) === 9) start++;
  if (lower.charCodeAt(start) !== 61 /* = */) return undefined;
  start++;
  while (lower.charCodeAt(start) === 32 || lower.charCodeAt(start) === 9 || lower.charCodeAt(start) === 34) start++;
  let end = start;
  while (end < lower.length && lower.charCodeAt(end) !== 59 && lower.charCodeAt(end) !== 34 && lower.charCodeAt(end) !== 32 && lower.charCodeAt(end) !== 44) end++;
  const charset = lower.slice(start, end);
  return UTF7.has(charset) || isEbcdic(charset) ? charset : undefined;
}

function isEbcdic(charset: string): boolean {
  if (charset.startsWith('ebcdic')) return true;
  for (const prefix of EBCDIC_PREFIXES) {
    if (!charset.startsWith(prefix)) continue;
    const page = charset.slice(prefix.length).replace(/^0+/, '');
    if (EBCDIC_PAGES.has(page)) return true;
  }
  return false;
}

/** Lowercase, without blanks: `application/json; charset=utf-8` and `Application/JSON;charset=UTF-8` agree. */
function normalize(value: string): string {
  return value.toLowerCase().replace(/[ \t]+/g, '');
}
