// The second pass over a token stream: match parentheses and work out, bottom-up, what each token
// and each parenthesised group does for an attacker (delays, errors, files, system objects ...), so
// the grammar asks "what is in this group" in constant time instead of rescanning it.
import {
  BLIND, COMMAND, CONVERSION, ERROR, FILE, RESERVED, SYSTEM_FUNCTION, SYSTEM_OBJECT, SYSTEM_SCHEMA, TIME, keywordFlags, keywordId,
} from './keywords.js';
import { ARITHMETIC, CLOSE, COMMA, NUMBER, OPEN, QUALIFIED, STRING, SYSTEM_VARIABLE, VARIABLE, WORD, type TokenStream } from './tokens.js';
import { looksLikeSelect } from './select-list.js';

export const F_TIME = 1;
export const F_ERROR = 2;
export const F_FILE = 4;
export const F_COMMAND = 8;
export const F_SYSTEM = 16;
export const F_BLIND = 32;
export const F_SUBQUERY = 64;
/** A system variable (`@@version`): specific to SQL wherever it appears, unlike a `version()` call. */
export const F_SYSTEM_VARIABLE = 512;
/** A rand() call: with floor() around it, MySQL's duplicate-key error ("double query"). */
const F_RAND = 128;
/** A comma directly inside the group (the call has two or more arguments); not passed to outer groups. */
const F_COMMA = 256;
const PROPAGATED = 0xffff & ~F_COMMA;

const SELECT = keywordId('select');
const FROM = keywordId('from');
const JOIN = keywordId('join');
const SLEEP = keywordId('sleep');
const RECEIVE_MESSAGE = keywordId('receive_message');
const RANDOMBLOB = keywordId('randomblob');
const BENCHMARK = keywordId('benchmark');
const EXTRACTVALUE = keywordId('extractvalue');
const UPDATEXML = keywordId('updatexml');
const EXP = keywordId('exp');
const FLOOR = keywordId('floor');
const RAND = keywordId('rand');
const GET_HOST_NAME = keywordId('get_host_name');
const SN = keywordId('sn');
const REQUEST = keywordId('request');
/** The Oracle package each qualified-only procedure must be called through (`dbms_pipe.receive_message`). */
const PACKAGES = new Map<number, readonly number[]>([
  [SLEEP, [0, keywordId('dbms_lock'), keywordId('dbms_session')]],
  [RECEIVE_MESSAGE, [keywordId('dbms_pipe')]],
  [GET_HOST_NAME, [keywordId('utl_inaddr')]],
  [SN, [keywordId('ctxsys')]],
  [REQUEST, [keywordId('utl_http')]],
]);
/** `user()`, `database()`, `schema()`: words that name object types too, functions only with nothing inside. */
const SYSTEM_WHEN_EMPTY = new Set([keywordId('user'), keywordId('database'), keywordId('schema')]);
/** SQL Server's name functions take an id (`db_name(1)`). */
const NAME_FUNCTIONS = new Set(['db_name', 'user_name', 'suser_name', 'suser_sname'].map(keywordId));
/** Niladic functions PostgreSQL and SQL Server allow without parentheses. */
const NILADIC = new Set([keywordId('current_user'), keywordId('session_user'), keywordId('system_user')]);

/** Matches parentheses and fills `partners`, `parents` and `features` for every token. */
export function linkStructure(stream: TokenStream): void {
  const { classes, partners, parents, features } = stream;
  const stack = openStack(stream.count);
  let depth = 0;
  for (let index = 0; index < stream.count; index++) {
    partners[index] = -1;
    const parent = depth > 0 ? (stack[depth - 1] ?? -1) : -1;
    parents[index] = parent;
    const tokenClass = classes[index];
    if (tokenClass === OPEN) {
      stack[depth++] = index;
      features[index] = 0;
      continue;
    }
    if (tokenClass === CLOSE && depth > 0) {
      const open = stack[--depth] ?? 0;
      partners[open] = index;
      partners[index] = open;
      closeGroup(stream, open);
      features[index] = 0;
      if (depth > 0) features[stack[depth - 1] ?? 0]! |= (features[open] ?? 0) & PROPAGATED;
      continue;
    }
    const feature = tokenFeature(stream, index);
    features[index] = feature;
    if (parent !== -1) features[parent]! |= feature;
  }
  // Groups the input leaves open (the application's own text would close them) still count.
  while (depth > 0) {
    const open = stack[--depth] ?? 0;
    closeGroup(stream, open);
    if (depth > 0) features[stack[depth - 1] ?? 0]! |= (features[open] ?? 0) & PROPAGATED;
  }
}

let stackScratch = new Int32Array(64);
function openStack(count: number): Int32Array {
  if (stackScratch.length < count) stackScratch = new Int32Array(count);
  return stackScratch;
}

function tokenFeature(stream: TokenStream, index: number): number {
  switch (stream.classes[index]) {
    case SYSTEM_VARIABLE: return F_SYSTEM | F_SYSTEM_VARIABLE;
    case COMMA: return F_COMMA;
    case WORD: return stream.ids[index] === 0 && stream.qualifiers[index] === 0 ? 0 : wordFeature(stream, index);
    default: return 0;
  }
}

function wordFeature(stream: TokenStream, index: number): number {
  const id = stream.ids[index] ?? 0;
  let feature = (keywordFlags(id) & COMMAND) !== 0 ? F_COMMAND : 0;
  // A catalog counts where a query reads it (`from information_schema.tables`); `sys.argv` in code is Python.
  const previous = index > 0 && stream.classes[index - 1] === WORD ? stream.ids[index - 1] : 0;
  if ((previous === FROM || previous === JOIN) && isSystemObjectName(stream, index, true)) feature |= F_SYSTEM;
  if (NILADIC.has(id)) feature |= F_SYSTEM;
  if (id === SELECT && looksLikeSelect(stream, index)) feature |= F_SUBQUERY;
  return feature;
}

/**
 * A system catalog by name (`sysobjects`, `information_schema.tables`, `pg_catalog.pg_user`); with
 * `bySchema` also any name in a system schema (`mysql.user`, `sys.objects`, `master..sysdatabases`).
 */
export function isSystemObjectName(stream: TokenStream, index: number, bySchema: boolean): boolean {
  const names = keywordFlags(stream.ids[index] ?? 0) | keywordFlags(stream.qualifiers[index] ?? 0);
  return (names & (bySchema ? SYSTEM_OBJECT | SYSTEM_SCHEMA : SYSTEM_OBJECT)) !== 0;
}

/** The group `(` at `open` is complete: add what calling the function before it does. */
function closeGroup(stream: TokenStream, open: number): void {
  const { features } = stream;
  const name = open - 1;
  if (name < 0 || stream.classes[name] !== WORD) return;
  const call = callFeature(stream, name, open, features[open] ?? 0);
  features[open]! |= call;
  features[name]! |= call;
}

function callFeature(stream: TokenStream, name: number, open: number, inside: number): number {
  const id = stream.ids[name] ?? 0;
  const flags = keywordFlags(id);
  if (flags === 0 || (flags & RESERVED) !== 0) return 0;
  const packages = PACKAGES.get(id);
  const qualifier = (stream.flags[name]! & QUALIFIED) !== 0 ? (stream.qualifiers[name] ?? 0) || -1 : 0;
  if (packages !== undefined ? !packages.includes(qualifier) : !isAllowedQualifier(qualifier, flags)) return 0;
  if ((flags & TIME) !== 0) return isDelayCall(stream, id, open, inside) ? F_TIME : 0;
  if ((flags & ERROR) !== 0) return errorCall(stream, id, open, inside);
  if ((flags & CONVERSION) !== 0) return (inside & (F_SYSTEM | F_SUBQUERY)) !== 0 ? F_ERROR : 0;
  if ((flags & FILE) !== 0) return isPathArgument(stream, open) ? F_FILE : 0;
  // version(), user(), database() take no arguments; `Version('1.0')` in code is another function.
  if ((flags & SYSTEM_FUNCTION) !== 0 || SYSTEM_WHEN_EMPTY.has(id)) return stream.partners[open] === open + 1 || NAME_FUNCTIONS.has(id) ? F_SYSTEM : 0;
  return (flags & BLIND) !== 0 ? F_BLIND : 0;
}


/** Unqualified, or (procedures, file functions) in a system schema: `master..xp_dirtree`, `pg_catalog.pg_read_file`. */
function isAllowedQualifier(qualifier: number, flags: number): boolean {
  if (qualifier === 0) return true;
  return (flags & (COMMAND | FILE)) !== 0 && qualifier !== -1 && (keywordFlags(qualifier) & (SYSTEM_SCHEMA | SYSTEM_OBJECT)) !== 0;
}

/** A path as SQL writes one: a literal, a hex string, a variable, or built by a call (`concat(...)`) or subquery; not `load_file(self, path)`. */
function isPathArgument(stream: TokenStream, open: number): boolean {
  const first = open + 1;
  switch (stream.classes[first]) {
    case STRING: case NUMBER: case VARIABLE: case OPEN: return true;
    case WORD: return stream.classes[first + 1] === OPEN;
    default: return false;
  }
}

/** The arguments look like a delay: a number or an expression, not words (`sleep(8 hours)` is prose). */
function isDelayCall(stream: TokenStream, id: number, open: number, inside: number): boolean {
  const first = open + 1;
  const firstClass = stream.classes[first];
  if (id === BENCHMARK) return (inside & F_COMMA) !== 0;
  if (id === RANDOMBLOB) return firstClass === NUMBER && stream.ends[first]! - stream.starts[first]! >= 6;
  if (first >= stream.count || firstClass === CLOSE) return false;
  if (firstClass === OPEN) return true;
  if (firstClass === WORD) return stream.classes[first + 1] === OPEN || (keywordFlags(stream.ids[first] ?? 0) & RESERVED) !== 0;
  const after = stream.classes[first + 1];
  return after === CLOSE || after === ARITHMETIC || after === COMMA || first + 1 >= stream.count;
}

function errorCall(stream: TokenStream, id: number, open: number, inside: number): number {
  if (id === RAND) return F_RAND;
  if (id === FLOOR) return (inside & F_RAND) !== 0 ? F_ERROR : 0;
  if (id === EXP) return stream.classes[open + 1] === ARITHMETIC && stream.ids[open + 1] === 126 ? F_ERROR : 0;
  if (id === EXTRACTVALUE || id === UPDATEXML) return (inside & F_COMMA) !== 0 ? F_ERROR : 0;
  return F_ERROR;
}
