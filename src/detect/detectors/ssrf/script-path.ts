// Whether the path of a remote URL names a script or text file that an include() would execute: the
// `shell.txt` and `c99.php` of remote file inclusion payloads, also when the extension sits in the
// fragment (`shell.jpg#.php`: a filter checking the end of the string sees `.php`, the fetch asks for
// `shell.jpg`, or the reverse), which is how payloads slip past extension allow-lists.

/** Extensions of scripts and text an include() executes (the `shell.txt` of RFI payload lists). */
const SCRIPT_EXTENSIONS = new Set(['php', 'php3', 'php4', 'php5', 'php7', 'phtml', 'phar', 'inc', 'txt', 'jsp', 'jspx', 'asp', 'aspx', 'pl', 'cgi', 'py', 'sh', 'cfm']);
/** Longest extension in the set, plus one: longer tails are not looked up. */
const MAX_EXTENSION = 6;

/** The last path segment ends in a script extension (`/shell.php`, `/c99.txt?`). */
export const SCRIPT_PATH = 1;
/** The fragment does (`/shell.jpg#.php`). */
export const SCRIPT_FRAGMENT = 2;
/** A query string with something in it (`?id=42`; a bare `?` is not one). */
export const HAS_QUERY = 4;

/**
 * `rest`: what follows a URL's authority (path, query, fragment), or a UNC path after its host
 * (backslashes count as slashes). The SCRIPT_PATH, SCRIPT_FRAGMENT and HAS_QUERY bits that apply.
 */
export function scriptShape(rest: string): number {
  let pathEnd = rest.length;
  let hash = rest.length;
  for (let index = 0; index < rest.length; index++) {
    const code = rest.charCodeAt(index);
    if (code === 35) {
      hash = index;
      break;
    }
    if (code === 63 && pathEnd === rest.length) pathEnd = index;
  }
  if (pathEnd > hash) pathEnd = hash;
  let shape = isScriptName(rest, 0, pathEnd) ? SCRIPT_PATH : 0;
  if (hash < rest.length && isScriptName(rest, hash + 1, rest.length)) shape |= SCRIPT_FRAGMENT;
  for (let index = pathEnd + 1; index < hash; index++) {
    if (rest.charCodeAt(index) !== 63) {
      shape |= HAS_QUERY;
      break;
    }
  }
  return shape;
}

/** The text between `start` and `end` ends in `.<script extension>` after its last `/` or `\`. */
function isScriptName(text: string, start: number, end: number): boolean {
  let dot = -1;
  for (let index = end - 1; index >= start && end - index <= MAX_EXTENSION + 1; index--) {
    const code = text.charCodeAt(index);
    if (code === 46) {
      dot = index;
      break;
    }
    if (code === 47 || code === 92) return false;
  }
  return dot !== -1 && SCRIPT_EXTENSIONS.has(text.slice(dot + 1, end).toLowerCase());
}
