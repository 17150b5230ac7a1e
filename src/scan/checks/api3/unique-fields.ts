// Makes a generated creation body unique where APIs usually demand it (username, email, slug...):
// the request builder is deterministic, so a second sign-up with its body answers 409 Conflict.
import { randomBytes } from 'node:crypto';
import { propertiesOf } from './schema-shape.js';

const UNIQUE_NAME = /^(?:user_?name|login|handle|slug|nick_?name|name|email|e_?mail|code|key)$/i;
const NONCE_LENGTH = 6;

/** Lowercase letters and digits only: they fit nearly every identifier pattern. */
export function nonce(): string {
  return `x${randomBytes(4).readUInt32BE(0).toString(36).padStart(NONCE_LENGTH - 1, '0').slice(0, NONCE_LENGTH - 1)}`;
}

function uniqueText(value: string, maxLength: number | undefined, suffix: string): string {
  const at = value.indexOf('@');
  // An email keeps its domain: the suffix goes at the end of the local part.
  if (at > 0) return `${value.slice(0, at)}${suffix}${value.slice(at)}`;
  const room = maxLength === undefined ? value.length : Math.max(0, maxLength - suffix.length);
  return `${value.slice(0, room)}${suffix}`;
}

/** The body with a nonce in each top-level string field that names a unique key. */
export function withUniqueFields(body: unknown, schema: unknown, suffix = nonce()): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const properties = propertiesOf(schema);
  const copy: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  for (const [name, value] of Object.entries(copy)) {
    if (typeof value !== 'string' || !UNIQUE_NAME.test(name)) continue;
    const maxLength = properties.get(name)?.maxLength;
    copy[name] = uniqueText(value, typeof maxLength === 'number' ? maxLength : undefined, suffix);
  }
  return copy;
}
