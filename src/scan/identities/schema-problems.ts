// Ajv's errors as problems a person can act on: the key path (`identities[1].login.token.pointer`),
// what is expected, and the line in the file. A problem never quotes the value it is about: in an
// auth profile that value may be a password or a token (the gateway config's messages do quote it).
import { isMap, isSeq, type Document, type LineCounter } from 'yaml';
import type { ConfigProblem } from '../../core/config/load-config.js';
import type { ErrorObject } from '../../core/config/schema-validator.js';

/** `identities[1].login` from Ajv's `/identities/1/login`. */
export function pathOf(instancePath: string, extra?: string): string {
  const segments = instancePath.split('/').slice(1).map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
  if (extra !== undefined) segments.push(extra);
  let path = '';
  for (const segment of segments) path += /^\d+$/.test(segment) ? `[${segment}]` : path === '' ? segment : `.${segment}`;
  return path;
}

/** One problem per key and message, in Ajv's order. */
export function schemaProblems(errors: readonly ErrorObject[], schema: object): ConfigProblem[] {
  const seen = new Set<string>();
  const problems: ConfigProblem[] = [];
  for (const error of errors) {
    // Ajv reports a bad key name twice: the inner `pattern` error (kept) and `propertyNames` itself.
    if (error.keyword === 'propertyNames') continue;
    const problem = toProblem(error, schema);
    const key = `${problem.path}\n${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

function toProblem(error: ErrorObject, schema: object): ConfigProblem {
  const params = error.params as { missingProperty?: string; additionalProperty?: string; allowedValues?: unknown[]; limit?: number };
  if (error.propertyName !== undefined) return { path: pathOf(error.instancePath, error.propertyName), message: `is not ${describedAt(schema, error.schemaPath) ?? 'a valid name'}` };
  switch (error.keyword) {
    case 'required': return { path: pathOf(error.instancePath, params.missingProperty), message: 'is required' };
    case 'additionalProperties': return { path: pathOf(error.instancePath, params.additionalProperty), message: 'is not a known key' };
    case 'enum': return { path: pathOf(error.instancePath), message: `must be one of ${JSON.stringify(params.allowedValues)}` };
    case 'minLength': return { path: pathOf(error.instancePath), message: params.limit === 1 ? 'must not be empty' : (error.message ?? 'is too short') };
    case 'pattern': return { path: pathOf(error.instancePath), message: `must be ${describedAt(schema, error.schemaPath) ?? 'in the documented format'}` };
    default: return { path: pathOf(error.instancePath), message: error.message ?? 'is invalid' };
  }
}

/** The `description` of the schema node that holds the failing keyword (`#/properties/x/pattern` → properties.x). */
function describedAt(schema: object, schemaPath: string): string | undefined {
  let node: unknown = schema;
  for (const segment of schemaPath.split('/').slice(1, -1)) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, segment)) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  const description = (node as { description?: unknown } | undefined)?.description;
  return typeof description === 'string' ? description : undefined;
}

/** Adds the line and column of the deepest node of each problem's path that exists in the source. */
export function locateProblems(problems: readonly ConfigProblem[], document: Document, lineCounter: LineCounter): ConfigProblem[] {
  return problems.map((problem) => {
    let node: unknown = document.contents;
    for (const key of problem.path.match(/[^.[\]]+/g) ?? []) {
      const next: unknown = isMap(node)
        ? node.items.find((item) => (item.key as { value?: unknown } | null)?.value === key)?.value
        : isSeq(node) && /^\d+$/.test(key) ? node.items[Number(key)] : undefined;
      if (next === undefined || next === null) break;
      node = next;
    }
    const offset = (node as { range?: [number, number, number] } | null)?.range?.[0];
    if (offset === undefined) return problem;
    const position = lineCounter.linePos(offset);
    return { ...problem, line: position.line, column: position.col };
  });
}
