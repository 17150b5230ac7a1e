// sendmail command-line options smuggled in an address (CWE-88; PHPMailer CVE-2016-10033 and
// CVE-2016-10045, PHP mail()'s fifth argument): an address with a blank, then an option that writes
// a log file where the web server serves it (`-X/var/www/shell.php`), sets a queue or config path
// (`-OQueueDirectory=/tmp`, `-oQ/tmp/`, `-C/tmp/cf`) or expands strings (exim's `-be`).

/** Characters scanned for options; an address header is far shorter. */
const MAX_SCAN = 4096;

/**
 * Index of the first sendmail option in a value that holds an address (`@`), or -1. Options count only
 * after a blank or a quote, as the shell or escapeshellarg-free code splits them into arguments.
 */
export function findSendmailArgument(text: string): number {
  if (text.indexOf('@') === -1) return -1;
  const limit = Math.min(text.length, MAX_SCAN);
  for (let at = text.indexOf('-'); at !== -1 && at < limit; at = text.indexOf('-', at + 1)) {
    if (at === 0 || !isArgumentBoundary(text.charCodeAt(at - 1))) continue;
    if (isOption(text, at + 1)) return at;
  }
  return -1;
}

function isOption(text: string, at: number): boolean {
  const option = text.charCodeAt(at);
  switch (option) {
    case 88: // -X logfile: every SMTP exchange is written there
    case 67: // -C configfile
      return isPathStart(text, text.charCodeAt(at + 1) === 32 ? at + 2 : at + 1);
    case 79: { // -OOption=value (long option name)
      let end = at + 1;
      while (end - at <= 32 && isLetter(text.charCodeAt(end))) end++;
      return end - at > 2 && text.charCodeAt(end) === 61;
    }
    case 111: // -oXvalue (one-letter option): -oQ/tmp/
      return isLetter(text.charCodeAt(at + 1)) && (isPathStart(text, at + 2) || text.charCodeAt(at + 2) === 61);
    case 98: // -be: exim string expansion of the rest (${run{…}})
      return text.charCodeAt(at + 1) === 101 && isArgumentEnd(text.charCodeAt(at + 2));
    default:
      return false;
  }
}

/** An absolute, relative or home path (`/`, `.`, `~`) or a Windows drive (`C:`). */
function isPathStart(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  if (code === 47 || code === 46 || code === 126 || code === 92) return true;
  return isLetter(code) && text.charCodeAt(at + 1) === 58 && (text.charCodeAt(at + 2) === 92 || text.charCodeAt(at + 2) === 47);
}

function isArgumentBoundary(code: number): boolean {
  return code === 32 || code === 9 || code === 34 || code === 39;
}

function isArgumentEnd(code: number): boolean {
  return Number.isNaN(code) || code === 32 || code === 9 || code === 34 || code === 39;
}

function isLetter(code: number): boolean {
  const lower = code | 0x20;
  return lower >= 97 && lower <= 122;
}
