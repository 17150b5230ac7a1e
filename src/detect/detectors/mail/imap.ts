// IMAP command injection (OWASP WSTG-INPV-10): a mailbox name or search term that a webmail copies
// into a command (`SELECT "<name>"`) and that brings its own line: a tag and a command of RFC 9051
// section 6 (`A002 DELETE INBOX`), which the server runs as the user's next request.

/** Client commands of IMAP4rev1 / rev2 and the common extensions (IDLE, MOVE, QUOTA, ACL, UNSELECT). */
const COMMANDS = new Set([
  'CAPABILITY', 'NOOP', 'LOGOUT', 'STARTTLS', 'AUTHENTICATE', 'LOGIN', 'ENABLE', 'SELECT', 'EXAMINE', 'CREATE', 'DELETE',
  'RENAME', 'SUBSCRIBE', 'UNSUBSCRIBE', 'LIST', 'LSUB', 'NAMESPACE', 'STATUS', 'APPEND', 'IDLE', 'CHECK', 'CLOSE',
  'UNSELECT', 'EXPUNGE', 'SEARCH', 'FETCH', 'STORE', 'COPY', 'MOVE', 'UID', 'GETQUOTA', 'SETQUOTA', 'SETACL', 'DELETEACL',
]);
/** Tags are short (`A001`, `a1`, `7`); a longer first word is no tag. */
const MAX_TAG_LENGTH = 16;
const MAX_COMMAND_LENGTH = 12;

/**
 * The line at `start` is a tagged command: a tag of letters and digits holding a digit, one space, an
 * upper-case command (clients send them so; `1 Select Road` is an address line) and a space or the end
 * of the line. `isStrict` asks for a tag with a letter too (`A002`, not `2`), for text where a numbered
 * line (`2 DELETE requests failed`) is ordinary.
 */
export function isImapCommand(text: string, start: number, isStrict = false): boolean {
  let index = start;
  let digits = 0;
  while (index - start < MAX_TAG_LENGTH && isTagChar(text.charCodeAt(index))) {
    if (isDigit(text.charCodeAt(index))) digits++;
    index++;
  }
  const hasLetter = digits < index - start;
  if (index === start || digits === 0 || (isStrict && !hasLetter) || text.charCodeAt(index) !== 32) return false;
  const commandStart = index + 1;
  let end = commandStart;
  while (end - commandStart <= MAX_COMMAND_LENGTH && isUpper(text.charCodeAt(end))) end++;
  if (end === commandStart || !COMMANDS.has(text.slice(commandStart, end))) return false;
  const after = text.charCodeAt(end);
  return Number.isNaN(after) || after === 32 || after === 13 || after === 10;
}

function isTagChar(code: number): boolean {
  const lower = code | 0x20;
  return (lower >= 97 && lower <= 122) || isDigit(code) || code === 46;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isUpper(code: number): boolean {
  return code >= 65 && code <= 90;
}
