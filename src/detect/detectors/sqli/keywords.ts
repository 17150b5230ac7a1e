// The SQL words the tokenizer classifies (MySQL, PostgreSQL, SQL Server, Oracle and SQLite reference
// manuals): operators spelled as words, statement and clause keywords, and the functions and system
// objects injections use. Looked up by a case-insensitive rolling hash, so a word costs no allocation.

import { ARITHMETIC, BOOLEAN, COMPARE, CONSTANT, NOT, WORD } from './tokens.js';

// Keyword flags.
/** Structure, never a column name (`select`, `from`, `union` ...). */
export const RESERVED = 1;
/** Starts a statement (stacked queries, SQL Server batches). */
export const STATEMENT = 2;
/** Delays the response (time-based blind injection). */
export const TIME = 4;
/** Raises an error that carries data (error-based injection). */
export const ERROR = 8;
/** Reads or writes files, or reaches the network (out-of-band). */
export const FILE = 16;
/** Runs operating-system commands or reconfigures the server. */
export const COMMAND = 32;
/** Returns the server's version, user or database name. */
export const SYSTEM_FUNCTION = 64;
/** Extracts data one comparison at a time (boolean blind injection). */
export const BLIND = 128;
/** A catalog of the server's tables, users or settings. */
export const SYSTEM_OBJECT = 256;
/** A schema that holds system objects, as the first part of a dotted name (`mysql.user`, `sys.objects`). */
export const SYSTEM_SCHEMA = 512;
/** A kind of object a DDL statement names (`drop table`, `create user`). */
export const OBJECT_TYPE = 1024;
/** Conversion or geometry functions whose errors leak data when given a subquery or a system value. */
export const CONVERSION = 2048;

type Entry = readonly [name: string, tokenClass: number, flags: number];

const ENTRIES: readonly Entry[] = [
  ['and', BOOLEAN, 0], ['or', BOOLEAN, 0], ['xor', BOOLEAN, 0], ['not', NOT, 0],
  ['like', COMPARE, 0], ['rlike', COMPARE, 0], ['regexp', COMPARE, 0], ['ilike', COMPARE, 0], ['similar', COMPARE, 0],
  ['sounds', COMPARE, 0], ['glob', COMPARE, 0], ['in', COMPARE, 0], ['between', COMPARE, 0], ['is', COMPARE, 0],
  ['div', ARITHMETIC, 0], ['mod', ARITHMETIC, 0], ['null', CONSTANT, 0], ['true', CONSTANT, 0], ['false', CONSTANT, 0],
  // Statements.
  ...words(RESERVED | STATEMENT, 'select insert update delete drop create alter truncate exec execute declare waitfor shutdown grant set'),
  ...words(STATEMENT, 'copy attach load'),
  // Clauses and other structure.
  ...words(RESERVED, 'union from where order group by having limit into outfile dumpfile values all distinct as case when then else end join on'),
  ...words(0, 'top delay time nowait with program immediate infile data local escape to for analyse cascade rownum dual asc desc identified'),
  ...words(RESERVED | OBJECT_TYPE, 'table procedure'),
  ...words(OBJECT_TYPE, 'database schema view function user index trigger login role'),
  // Functions.
  ...words(TIME, 'sleep benchmark pg_sleep pg_sleep_for pg_sleep_until receive_message randomblob'),
  ...words(ERROR, 'extractvalue updatexml xmltype name_const gtid_subset gtid_subtract get_host_name sn exp floor rand'),
  ...words(CONVERSION, 'convert cast polygon multipoint multipolygon linestring multilinestring geometrycollection'),
  ...words(FILE, 'load_file pg_read_file pg_read_binary_file pg_ls_dir lo_import lo_export xp_dirtree xp_fileexist xp_subdirs openrowset opendatasource request dblink'),
  ...words(COMMAND, 'xp_cmdshell xp_regread xp_regwrite xp_servicecontrol sp_oacreate sp_oamethod sp_configure sp_execute_external_script sp_makewebtask sp_executesql sp_addsrvrolemember sp_addlogin'),
  ...words(SYSTEM_FUNCTION, 'version current_user session_user system_user db_name user_name suser_name suser_sname host_name connection_id sqlite_version current_database current_schema'),
  ...words(BLIND, 'if exists substring substr mid ascii ord length len char_length character_length left right instr locate position strcmp iif elt unicode bit_length count hex bin conv isnull ifnull nullif coalesce make_set find_in_set regexp_like regexp_substr lower upper reverse'),
  ...words(SYSTEM_OBJECT, 'information_schema sysobjects syscolumns sysusers sysdatabases sysprocesses syslogins pg_catalog pg_shadow pg_user pg_tables pg_database pg_roles pg_authid sqlite_master sqlite_schema sqlite_temp_master all_tables all_tab_columns all_users user_tables user_tab_columns user_objects dba_users dba_tables v$version v$instance msysobjects performance_schema'),
  ...words(SYSTEM_SCHEMA, 'mysql sys master'),
  // Oracle packages that qualify the dangerous procedures above.
  ...words(0, 'dbms_pipe dbms_lock dbms_session utl_inaddr utl_http ctxsys'),
];

function words(flags: number, list: string): Entry[] {
  return list.split(' ').map((name): Entry => [name, WORD, flags]);
}

/** The longest keyword; longer words are never looked up. */
export const MAX_KEYWORD_LENGTH = ENTRIES.reduce((longest, [name]) => Math.max(longest, name.length), 0);

/**
 * Keyword ids start above every character code, so a grammar test on `ids` never mistakes a keyword
 * for an operator token (whose id is its first character's code).
 */
const ID_BASE = 256;
/** Every keyword, lowercase, in id order (the quick test builds its own table of the few it needs). */
export const KEYWORD_NAMES: readonly string[] = ENTRIES.map(([name]) => name);
const NAMES = KEYWORD_NAMES;
const CLASSES = Uint8Array.from(ENTRIES.map(([, tokenClass]) => tokenClass));
const FLAGS = Uint16Array.from(ENTRIES.map(([, , flags]) => flags));

/** One step of the case-insensitive hash over a word's UTF-16 code units (ASCII letters folded). */
export function hashStep(hash: number, code: number): number {
  return ((hash * 31) + (code >= 65 && code <= 90 ? code | 0x20 : code)) & 0xfffff;
}

/**
 * Open-addressing table of keyword ids by hash: a typed array indexed by small integers keeps the
 * lookup of an ordinary word to one or two array reads (a Map keyed by 32-bit hashes boxes them).
 */
const TABLE_BITS = 11;
const TABLE_MASK = (1 << TABLE_BITS) - 1;
const TABLE = new Uint16Array(1 << TABLE_BITS);
for (let index = 0; index < NAMES.length; index++) {
  const name = NAMES[index] ?? '';
  let hash = 0;
  for (let at = 0; at < name.length; at++) hash = hashStep(hash, name.charCodeAt(at));
  let slot = hash & TABLE_MASK;
  while (TABLE[slot] !== 0) slot = (slot + 1) & TABLE_MASK;
  TABLE[slot] = index + ID_BASE;
}

/** The keyword id of `text[start, end)` given its hash; 0 for an ordinary word. */
export function keywordAt(text: string, start: number, end: number, hash: number): number {
  if (end - start > MAX_KEYWORD_LENGTH) return 0;
  for (let slot = hash & TABLE_MASK; ; slot = (slot + 1) & TABLE_MASK) {
    const id = TABLE[slot] ?? 0;
    if (id === 0) return 0;
    if (matchesName(text, start, end, NAMES[id - ID_BASE] ?? '')) return id;
  }
}

function matchesName(text: string, start: number, end: number, name: string): boolean {
  if (name.length !== end - start) return false;
  for (let index = 0; index < name.length; index++) {
    let code = text.charCodeAt(start + index);
    if (code >= 65 && code <= 90) code |= 0x20;
    if (code !== name.charCodeAt(index)) return false;
  }
  return true;
}

/** The id of a keyword by name, for the grammar's comparisons; throws at load on a typo. */
export function keywordId(name: string): number {
  const index = NAMES.indexOf(name);
  if (index === -1) throw new Error(`not an sqli keyword: ${name}`);
  return index + ID_BASE;
}

/** Several keyword ids at once, as a tuple: `const [SELECT, FROM] = keywordIds('select', 'from')`. */
export function keywordIds<const Names extends readonly string[]>(...names: Names): { readonly [Index in keyof Names]: number } {
  return names.map(keywordId) as unknown as { readonly [Index in keyof Names]: number };
}

export const keywordClass = (id: number): number => CLASSES[id - ID_BASE] ?? WORD;
export const keywordFlags = (id: number): number => FLAGS[id - ID_BASE] ?? 0;
export const keywordName = (id: number): string => NAMES[id - ID_BASE] ?? '';
