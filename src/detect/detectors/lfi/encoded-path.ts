// Escapes that survive the engine's decoding. It decodes percent, overlong UTF-8 and `%u` escapes
// before folding Unicode, so `．．％２ｆ` (full-width) only becomes `..%2f` after the last decoding
// pass; a value encoded more times than it decodes keeps a layer; and where decoding JS escapes would
// turn a path's `\b` into a backspace the engine also passes the value with `\u002e` and `\u005c`
// left as they are. A server that decodes once more (or a filesystem API reading `%c0%af`, IIS) still
// sees `../`: CRS 930100 matches escaped traversals too. This is the path view of such a value: its
// `\uXXXX` / `\xXX` escapes (not `\b`, `\n`: in a path those are separators before names), then its
// percent, overlong and `%u` escapes decoded the way the engine would.
import { decodeOverlongUtf8, foldUnicode, percentDecodeOnce, removeNullBytes } from '../../normalize/index.js';

/** A percent escape of a byte or an IIS `%u` code unit, or a JS `\u` / `\x` escape. */
const ESCAPE = /%(?:[0-9a-f]{2}|u[0-9a-f]{4})|\\(?:u[0-9a-f]{4}|u\{[0-9a-f]{1,6}\}|x[0-9a-f]{2})/i;
/** JS code-point escapes; bounded alternatives, linear. */
const CODE_POINT_ESCAPE = /\\(?:u([0-9a-f]{4})|u\{([0-9a-f]{1,6})\}|x([0-9a-f]{2}))/gi;
const MAX_ROUNDS = 3;

/** `text` with its remaining escapes decoded (a NUL from `%00` removed, as the engine does), or undefined when it has none. */
export function decodeResidualEscapes(text: string): string | undefined {
  if (!ESCAPE.test(text)) return undefined;
  let current = text.indexOf('\\') === -1 ? text : text.replace(CODE_POINT_ESCAPE, decodeCodePoint);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const next = percentDecodeOnce(decodeOverlongUtf8(current).value, false);
    if (next === current) break;
    current = next;
  }
  current = removeNullBytes(foldUnicode(current).value).value;
  return current === text ? undefined : current;
}

function decodeCodePoint(whole: string, u4: string | undefined, braced: string | undefined, x2: string | undefined): string {
  const code = Number.parseInt(u4 ?? braced ?? x2 ?? '', 16);
  return Number.isNaN(code) || code > 0x10ffff ? whole : String.fromCodePoint(code);
}
