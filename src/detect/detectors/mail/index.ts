// Mail header and SMTP / IMAP command injection (CWE-93, OWASP WSTG-INPV-10 "IMAP/SMTP Injection"): a
// line break followed by a mail header (`Bcc:`, `To:`, a second `Content-Type:` for a multipart body) in
// a value a mail form copies into a message header, also when hidden in an RFC 2047 encoded word; by
// SMTP commands (`RCPT TO:`, `DATA`, `.`) where a value reaches an SMTP dialogue, or by a tagged IMAP
// command after a mailbox name; and sendmail options after an address that reaches the sendmail
// command line (CWE-88, PHPMailer CVE-2016-10033). Multi-line message bodies are normal and are not
// header fields.
import type { Detection, ValueDetector } from '../../detector.js';
import type { InputField } from '../../field.js';
import { OWASP, type DetectionRule, type Paranoia } from '../../rule.js';
import { CHAR } from '../../text-profile.js';
import { decodeEncodedWord, hasLineBreak } from './encoded-word.js';
import { findSendmailArgument } from './sendmail.js';
import { isImapCommand } from './imap.js';

const rule = (id: string, title: string, severity: DetectionRule['severity'], paranoia: DetectionRule['paranoia']): DetectionRule =>
  ({ id: `mail.${id}`, attackClass: 'mail', title, owasp: OWASP.injection, severity, paranoia });

export const HEADER_INJECTION = rule('header-injection', 'Line break followed by a mail header in an address, subject or URL value', 'critical', 1);
export const SMTP_COMMAND = rule('smtp-command', 'Line break followed by an SMTP command (RCPT TO, MAIL FROM, DATA, HELO)', 'critical', 1);
export const IMAP_COMMAND = rule('imap-command', 'Line break followed by a tagged IMAP command (mailbox name injection)', 'critical', 1);
export const SENDMAIL_ARGUMENT = rule('sendmail-argument', 'sendmail option after an address (-X log file, -O / -o option, -C config)', 'critical', 1);
export const HEADER_LINE = rule('header-line', 'Line break followed by a mail header in text', 'medium', 2);
export const END_OF_DATA = rule('end-of-data', 'SMTP end-of-data line (a lone `.`)', 'medium', 2);

/** Header fields of RFC 5322 section 3.6 and the MIME ones (RFC 2045) that add recipients or re-frame the body. */
const MAIL_HEADERS = new Set(['to', 'cc', 'bcc', 'from', 'sender', 'reply-to', 'return-path', 'subject', 'content-type', 'mime-version', 'content-transfer-encoding']);
/** Recipient headers: after a first line that is an address, these are injection whatever the field is called. */
const RECIPIENT_HEADERS = new Set(['to', 'cc', 'bcc', 'from', 'sender', 'reply-to']);
/** Words of field names a mail form puts into headers. */
const HEADER_FIELD_WORDS = new Set(['mail', 'email', 'subject', 'from', 'to', 'cc', 'bcc', 'sender', 'recipient', 'recipients', 'reply', 'replyto']);
/** Words of field names that hold a message body, where header-like lines are quoted or forwarded mail. */
const BODY_FIELD_WORDS = new Set(['body', 'message', 'text', 'content', 'html', 'comment', 'comments', 'description', 'note', 'notes', 'signature']);
const MAX_LINES = 1000;
/** Encoded words decoded per value: a header holds a few; bounds the work a crafted value causes. */
const MAX_ENCODED_WORDS = 64;
const FRAGMENT_LENGTH = 80;
/** A sendmail option needs the address's `@` and the option's `-`, after a blank or a quote. */
const SENDMAIL_NEEDS = CHAR.dash | CHAR.other;
const ARGUMENT_BOUNDARY = CHAR.space | CHAR.doubleQuote | CHAR.singleQuote;
/** `=?charset?Q?…?=`: `=` and `?`. */
const ENCODED_WORD_NEEDS = CHAR.equals | CHAR.other;

export const mailDetector: ValueDetector = {
  name: 'mail',
  // Line-based rules need CR or LF; a sendmail argument needs the address's `@` and an encoded word its
  // `=?…?=` question marks, both in CHAR.other.
  triggers: CHAR.newline | CHAR.other,
  rules: [HEADER_INJECTION, SMTP_COMMAND, IMAP_COMMAND, SENDMAIL_ARGUMENT, HEADER_LINE, END_OF_DATA],
  detect(text: string, field: InputField, paranoia: Paranoia, found: Detection[], profile: number): void {
    // Most values reaching here hold an `@`, `,` or `+` and nothing else of interest: no allocation before a hit.
    const hasBreak = (profile & CHAR.newline) !== 0;
    const argument = (profile & SENDMAIL_NEEDS) === SENDMAIL_NEEDS && (profile & ARGUMENT_BOUNDARY) !== 0 ? findSendmailArgument(text) : -1;
    const mayEncode = (profile & ENCODED_WORD_NEEDS) === ENCODED_WORD_NEEDS && text.indexOf('=?') !== -1;
    if (!hasBreak && argument === -1 && !mayEncode) return;
    const report: Report = (matched, fragment) => {
      if (matched.paranoia > paranoia || found.some((detection) => detection.rule === matched)) return;
      found.push({ rule: matched, fragment: fragment.slice(0, FRAGMENT_LENGTH) });
    };
    if (hasBreak) inspectLines(text, field, report);
    if (argument !== -1) report(SENDMAIL_ARGUMENT, text.slice(Math.max(0, argument - 40)));
    if (mayEncode) inspectEncodedWords(text, report);
  },
};

type Report = (matched: DetectionRule, fragment: string) => void;

function inspectLines(text: string, field: InputField, report: Report): void {
  const lf = text.indexOf('\n');
  const cr = text.indexOf('\r');
  const first = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
  // Query, path, header and cookie values never hold lines; a mail header after a break there is injected.
  const isHeaderBound = field.kind !== 'body';
  const isHeaderField = isHeaderBound || (!field.isName && isMailHeaderName(field.name));
  const isAddressFirst = isAddressLine(text, first);
  // A caption (`Headers:`) introduces a pasted block; a recipient header after it is still injected.
  const isLabelled = isLabelLine(text, first);
  const isSingleToken = isSingleTokenLine(text, first);
  for (let index = first, lines = 0; index < text.length && lines < MAX_LINES; lines++) {
    let start = index;
    while (start < text.length && (text.charCodeAt(start) === 10 || text.charCodeAt(start) === 13)) start++;
    if (isEndOfData(text, start)) report(END_OF_DATA, text.slice(index));
    if (isSmtpCommand(text, start)) report(SMTP_COMMAND, text.slice(index));
    // Mailbox names reach IMAP commands (`SELECT "<name>"`); text has no tagged upper-case command line
    // after a one-word first line, but may number its lines.
    if ((isHeaderBound || isSingleToken) && isImapCommand(text, start, !isHeaderBound)) report(IMAP_COMMAND, text.slice(index));
    const header = mailHeaderAt(text, start);
    if (header !== undefined) {
      const isRecipient = RECIPIENT_HEADERS.has(header);
      const isInjection = (isHeaderField && (!isLabelled || isRecipient)) || (isAddressFirst && isRecipient);
      report(isInjection ? HEADER_INJECTION : HEADER_LINE, text.slice(index));
    }
    index = nextBreak(text, start);
  }
}

/**
 * RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`) decoded as a mail library decodes a
 * header: a CR or LF inside followed by a header or an SMTP command is header injection that no raw
 * line break shows (RFC 2047 section 5 forbids them; lenient decoders emit them anyway).
 */
function inspectEncodedWords(text: string, report: Report): void {
  for (let at = text.indexOf('=?'), words = 0; at !== -1 && words < MAX_ENCODED_WORDS; at = text.indexOf('=?', at + 2), words++) {
    const word = decodeEncodedWord(text, at);
    if (word === undefined || !hasLineBreak(word)) continue;
    for (let index = 0; index < word.length; index++) {
      const code = word.charCodeAt(index);
      if (code !== 10 && code !== 13) continue;
      let start = index;
      while (start < word.length && (word.charCodeAt(start) === 10 || word.charCodeAt(start) === 13)) start++;
      if (mailHeaderAt(word, start) !== undefined) return report(HEADER_INJECTION, text.slice(at));
      if (isSmtpCommand(word, start)) return report(SMTP_COMMAND, text.slice(at));
      index = start - 1;
    }
  }
}

const nameCache = new Map<string, boolean>();

function isMailHeaderName(name: string): boolean {
  let cached = nameCache.get(name);
  if (cached === undefined) {
    const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/);
    cached = words.some((word) => HEADER_FIELD_WORDS.has(word) || word.endsWith('email')) && !words.some((word) => BODY_FIELD_WORDS.has(word));
    if (nameCache.size >= 2048) nameCache.clear();
    nameCache.set(name, cached);
  }
  return cached;
}

/** The first line is one address (`victim@example.com`), as in `victim@example.com%0ABcc:…`. */
function isAddressLine(text: string, end: number): boolean {
  let at = -1;
  for (let index = 0; index < end; index++) {
    const code = text.charCodeAt(index);
    if (code === 32 || code === 9) return false;
    if (code === 64) at = index;
  }
  return at > 0 && at < end - 1;
}

/** The first line has no blank: a mailbox name, an address or a token (empty counts). */
function isSingleTokenLine(text: string, end: number): boolean {
  for (let index = 0; index < end; index++) {
    const code = text.charCodeAt(index);
    if (code === 32 || code === 9) return false;
  }
  return true;
}

/** The first line is a caption ending in a colon (`Headers:`, `Sample message:`): letters, blanks and dashes. */
function isLabelLine(text: string, end: number): boolean {
  if (end < 4 || text.charCodeAt(end - 1) !== 58) return false;
  let letters = 0;
  for (let index = 0; index < end - 1; index++) {
    const code = text.charCodeAt(index);
    const lower = code | 0x20;
    if (lower >= 97 && lower <= 122) letters++;
    else if (code !== 32 && code !== 45) return false;
  }
  return letters >= 3;
}

/** `Name:` and a value: the lowercased name when it is a mail header. */
function mailHeaderAt(text: string, start: number): string | undefined {
  let end = start;
  while (end < text.length && end - start < 32 && isNameChar(text.charCodeAt(end))) end++;
  if (end === start || text.charCodeAt(end) !== 58) return undefined;
  let value = end + 1;
  while (text.charCodeAt(value) === 32 || text.charCodeAt(value) === 9) value++;
  if (value >= text.length || text.charCodeAt(value) === 10 || text.charCodeAt(value) === 13) return undefined;
  const name = text.slice(start, end).toLowerCase();
  return MAIL_HEADERS.has(name) ? name : undefined;
}

/** RFC 5321 section 4.1: `MAIL FROM:<…>`, `RCPT TO:<…>`, `DATA` alone on a line, `HELO` / `EHLO` and a domain. */
function isSmtpCommand(text: string, start: number): boolean {
  const line = text.slice(start, start + 10).toUpperCase();
  if (line.startsWith('RCPT TO:') || line.startsWith('MAIL FROM:')) return true;
  if (text.startsWith('DATA', start)) {
    const after = text.charCodeAt(start + 4);
    return after === 13 || after === 10 || Number.isNaN(after);
  }
  return (text.startsWith('HELO ', start) || text.startsWith('EHLO ', start)) && isNameChar(text.charCodeAt(start + 5));
}

/** A line holding only `.`: the end of the DATA section (RFC 5321 section 4.1.1.4). */
function isEndOfData(text: string, start: number): boolean {
  if (text.charCodeAt(start) !== 46) return false;
  const after = text.charCodeAt(start + 1);
  return after === 13 || after === 10;
}

function nextBreak(text: string, from: number): number {
  let index = from;
  while (index < text.length && text.charCodeAt(index) !== 10 && text.charCodeAt(index) !== 13) index++;
  return index;
}

function isNameChar(code: number): boolean {
  const lower = code | 0x20;
  return (lower >= 97 && lower <= 122) || (code >= 48 && code <= 57) || code === 45 || code === 95 || code === 46;
}
