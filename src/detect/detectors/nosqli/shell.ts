// Database-shell calls and CouchDB system paths inside a value: code aimed at a server that evaluates
// input (MongoDB's `db.eval`, a `$where` body) or at CouchDB's HTTP API behind the application. Both
// also appear in developer prose, so they only count from paranoia 2.

/** `db.getCollection(`, `db.eval(`: methods of the shell's `db` object. */
const DATABASE_METHODS = new Set(['getCollection', 'getSiblingDB', 'eval', 'dropDatabase', 'runCommand', 'adminCommand', 'getCollectionNames', 'getMongo', 'createUser']);
/** `db.users.find(`: collection methods that read, write or run code. */
const COLLECTION_METHODS = new Set([
  'find', 'findOne', 'findAndModify', 'insert', 'insertOne', 'insertMany', 'update', 'updateOne', 'updateMany', 'remove',
  'deleteOne', 'deleteMany', 'drop', 'aggregate', 'mapReduce', 'count', 'distinct', 'replaceOne',
]);
const COUCHDB_PATHS = ['_all_docs', '/_design/', '/_utils', '/_config', '/_membership', '/_users/'];

/** Index of a `db.` shell call, or -1. */
export function findShellCall(text: string): number {
  for (let at = text.indexOf('db.'); at !== -1; at = text.indexOf('db.', at + 3)) {
    if (at > 0 && isIdentifierCode(text.charCodeAt(at - 1))) continue;
    const firstEnd = skipIdentifier(text, at + 3);
    const first = text.slice(at + 3, firstEnd);
    if (text[firstEnd] === '(' && DATABASE_METHODS.has(first)) return at;
    if (text[firstEnd] !== '.' || first.length === 0) continue;
    const secondEnd = skipIdentifier(text, firstEnd + 1);
    if (text[secondEnd] === '(' && COLLECTION_METHODS.has(text.slice(firstEnd + 1, secondEnd))) return at;
  }
  return -1;
}

/** Index of a CouchDB system path, or -1. */
export function findCouchDbPath(text: string): number {
  if (text.indexOf('_') === -1) return -1;
  for (const path of COUCHDB_PATHS) {
    const at = text.indexOf(path);
    if (at !== -1) return at;
  }
  return -1;
}

function skipIdentifier(text: string, at: number): number {
  // Bounded: identifiers are short, and an unbounded skip per `db.` would be quadratic on `db.db.db.`.
  const limit = Math.min(text.length, at + 64);
  while (at < limit && isIdentifierCode(text.charCodeAt(at))) at++;
  return at;
}

function isIdentifierCode(code: number): boolean {
  return (code >= 48 && code <= 57) || ((code | 0x20) >= 97 && (code | 0x20) <= 122) || code === 95 || code === 36;
}
