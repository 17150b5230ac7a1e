// Fields that decide what a caller may do or own (role, isAdmin, balance, ownerId...) and the value an
// attacker would set them to. Mass assignment (OWASP API3:2023) is dangerous through these fields;
// a client-writable `nickname` is not a finding, a client-writable `role` is.
import { isSchema, type Schema } from './schema-shape.js';

/** Normalised names (lowercase, letters and digits only) of privilege-bearing fields. */
const PRIVILEGE_NAMES = new Set([
  'role', 'roles', 'isadmin', 'admin', 'issuperuser', 'superuser', 'isstaff', 'staff', 'permissions', 'permission',
  'scopes', 'scope', 'groups', 'group', 'privileges', 'level', 'accesslevel', 'usertype', 'accounttype', 'tier', 'plan',
  'balance', 'credit', 'credits', 'verified', 'isverified', 'emailverified', 'approved', 'isapproved', 'active', 'isactive',
  'ownerid', 'userid', 'accountid', 'tenantid', 'organizationid', 'orgid', 'status', 'price', 'discount', 'quota',
]);
const ELEVATED_WORD = /^(?:admin|administrator|root|superuser|super_?admin|owner|staff|approved|verified|active|paid|premium|enterprise|shipped)$/i;
const MONEY_NAME = /^(?:balance|credits?|quota|discount)$/;
const ESCALATED_NUMBER = 1_000_000;
const ESCALATED_ROLE = 'admin';

export const normalizeName = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

export const isPrivilegeName = (name: string): boolean => PRIVILEGE_NAMES.has(normalizeName(name));

const typeOf = (schema: Schema): string | undefined => {
  const type = Array.isArray(schema.type) ? (schema.type as unknown[]).find((t) => t !== 'null') : schema.type;
  return typeof type === 'string' ? type : undefined;
};

function fromEnum(values: readonly unknown[], current: unknown): unknown {
  const elevated = values.find((value) => typeof value === 'string' && ELEVATED_WORD.test(value) && value !== current);
  return elevated ?? [...values].reverse().find((value) => value !== current && value !== null);
}

/**
 * The value that would escalate the field, `current` being what it holds now; undefined when there
 * is no telling one (an id needs another caller's id, which this function does not know).
 */
export function escalatedValue(name: string, schema: unknown, current: unknown): unknown {
  const field = isSchema(schema) ? schema : {};
  if (Array.isArray(field.enum)) return fromEnum(field.enum, current);
  const key = normalizeName(name);
  const type = typeOf(field) ?? (current === undefined || current === null ? undefined : typeof current);
  if (type === 'boolean') return true;
  if (type === 'integer' || type === 'number') return MONEY_NAME.test(key) ? ESCALATED_NUMBER : undefined;
  if (type === 'array') return arrayEscalation(key);
  if (type === 'string' || type === undefined) return stringEscalation(key, current);
  return undefined;
}

/** Roles and groups get the admin role; permissions, scopes and privileges the wildcard. */
function arrayEscalation(key: string): unknown[] | undefined {
  if (key.startsWith('role') || key.startsWith('group')) return [ESCALATED_ROLE];
  return key.includes('perm') || key.includes('scope') || key.includes('privilege') ? ['*'] : undefined;
}

function stringEscalation(key: string, current: unknown): string | undefined {
  if (key.endsWith('id')) return undefined;
  const value = key === 'status' ? 'approved' : key === 'plan' || key === 'tier' ? 'enterprise' : ESCALATED_ROLE;
  return value === current ? undefined : value;
}
