// What a finding may show of the request: the matched fragment, cut short, with control characters
// made visible (a fragment lands in logs and on dashboards) and masked entirely where the field holds
// a credential (an attack hidden in an Authorization header must not leak the rest of the token).
import { maskSecret } from '../core/mask.js';
import type { InputField } from './field.js';

/** Longest fragment kept, in UTF-16 code units; enough to see the attack, not enough to carry data off. */
export const MAX_FRAGMENT_LENGTH = 80;

const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'x-api-key', 'api-key', 'x-auth-token']);
// Field and key names that hold secrets in bodies and queries (OWASP Logging Cheat Sheet: never log
// passwords, tokens, keys). Substring match on the lowercased name.
const SECRET_NAME_PARTS = ['password', 'passwd', 'secret', 'token', 'apikey', 'api_key', 'api-key', 'credential', 'private'];

export function isSecretField(field: Pick<InputField, 'kind' | 'name' | 'isName'>): boolean {
  if (field.isName) return false;
  if (field.kind === 'cookie') return true;
  const name = field.name.toLowerCase();
  if (field.kind === 'header' && SECRET_HEADERS.has(name)) return true;
  return SECRET_NAME_PARTS.some((part) => name.includes(part));
}

/** The fragment as events carry it. */
export function fragmentForEvent(fragment: string, field: Pick<InputField, 'kind' | 'name' | 'isName'>): string {
  if (isSecretField(field)) return maskSecret(fragment);
  const cut = fragment.length > MAX_FRAGMENT_LENGTH ? `${truncateCodePoints(fragment, MAX_FRAGMENT_LENGTH)}…` : fragment;
  return escapeControls(cut);
}

function truncateCodePoints(text: string, length: number): string {
  // Do not split a surrogate pair: a lone half is not valid UTF-8 in the JSON log line.
  const code = text.charCodeAt(length - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? length - 1 : length);
}

function escapeControls(text: string): string {
  let out = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x20 && code !== 0x7f) continue;
    out += text.slice(start, i) + (code === 0x0a ? '\\n' : code === 0x0d ? '\\r' : code === 0x09 ? '\\t' : `\\x${code.toString(16).padStart(2, '0')}`);
    start = i + 1;
  }
  return start === 0 ? text : out + text.slice(start);
}
