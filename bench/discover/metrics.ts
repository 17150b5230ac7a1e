// Scores the inventory discovery learned against what the generator sent: endpoint templates
// (precision, recall, F1), query parameters and body fields of the matched operations (recall), and
// sensitive fields (precision and recall, planted values and documented fields apart).
import type { OperationView } from '../../src/discovery/index.js';
import type { OperationTruth } from './truth.js';

export interface Ratio {
  readonly hits: number;
  readonly total: number;
}

export interface EndpointScore {
  readonly truePositives: number;
  readonly falsePositives: string[];
  readonly falseNegatives: string[];
  /** False positives per documented operation whose traffic they hold (best segment-wise match), '' for none. */
  readonly falsePositivesByOperation: Record<string, number>;
}

export interface SensitiveScore {
  truePositives: number;
  /** True positives whose reported types include the planted type. */
  typeMatches: number;
  /** Sensitive locations per expected type: how many, and how many reported. */
  readonly byType: Record<string, { hits: number; total: number }>;
  /** Clean locations (decoys among them) scored. */
  negatives: number;
  readonly falsePositives: string[];
  readonly falseNegatives: string[];
}

export interface DocumentScore {
  readonly name: string;
  readonly documented: number;
  readonly learned: number;
  readonly endpoints: EndpointScore;
  readonly query: Ratio & { readonly misses: string[] };
  readonly requestFields: Ratio & { readonly misses: string[] };
  readonly responseFields: Ratio & { readonly misses: string[] };
  readonly plantedSensitive: SensitiveScore;
  readonly documentedSensitive: SensitiveScore;
  /** Sensitive fields discovery reported where the generator sent nothing it labelled (headers...). */
  readonly unscored: string[];
}

/** `{owner}` and `{repo}` → `{}`; a segment holding a parameter is one parameter, whatever its literal parts. */
export function normalizeTemplate(template: string): string {
  const segments = template.split('/').filter((segment) => segment !== '');
  return `/${segments.map((segment) => (segment.includes('{') ? '{}' : segment)).join('/')}`;
}

const keyOf = (method: string, template: string): string => `${method.toUpperCase()} ${normalizeTemplate(template)}`;

export function scoreDocument(name: string, truths: readonly OperationTruth[], views: readonly OperationView[]): DocumentScore {
  // Every form an operation may be learned under: its template, and with its enum parameters expanded.
  const forms = new Map<string, OperationTruth>();
  const operations = new Map<string, OperationTruth>();
  for (const truth of truths) {
    if (truth.samples === 0) continue;
    const key = keyOf(truth.method, truth.template);
    if (operations.has(key)) continue;
    operations.set(key, truth);
    for (const form of [truth.template, ...truth.expansions]) if (!forms.has(keyOf(truth.method, form))) forms.set(keyOf(truth.method, form), truth);
  }
  const matched = new Map<OperationTruth, OperationView[]>();
  const falsePositives: string[] = [];
  const seenForms = new Set<string>();
  for (const view of views) {
    const key = keyOf(view.method, view.template);
    const truth = forms.get(key);
    // A second learned template with the same form splits one endpoint in two: the second is wrong.
    if (truth === undefined || seenForms.has(key)) {
      falsePositives.push(`${view.method} ${view.template} (${view.calls} calls)`);
      continue;
    }
    seenForms.add(key);
    matched.set(truth, [...matched.get(truth) ?? [], view]);
  }
  const falseNegatives = [...operations.values()].filter((truth) => !matched.has(truth)).map((truth) => `${truth.method} ${truth.template}`);
  const score: DocumentScore = {
    name, documented: operations.size, learned: views.length,
    endpoints: { truePositives: matched.size, falsePositives, falseNegatives, falsePositivesByOperation: attribute(falsePositives, [...operations.values()]) },
    query: { hits: 0, total: 0, misses: [] }, requestFields: { hits: 0, total: 0, misses: [] }, responseFields: { hits: 0, total: 0, misses: [] },
    plantedSensitive: emptySensitive(), documentedSensitive: emptySensitive(), unscored: [],
  };
  for (const [truth, learned] of matched) {
    scoreFields(score, truth, learned);
    scoreSensitive(score, truth, learned);
  }
  return score;
}

/** Which documented operation a wrong template's traffic belongs to: same method and depth, every segment compatible, most literals equal. */
function attribute(falsePositives: readonly string[], operations: readonly OperationTruth[]): Record<string, number> {
  const counts: Record<string, number> = {};
  const documented = operations.map((truth) => ({ truth, segments: normalizeTemplate(truth.template).split('/') }));
  for (const entry of falsePositives) {
    const [method = '', template = ''] = entry.split(' ');
    const segments = normalizeTemplate(template).split('/');
    let best: { name: string; equal: number } | undefined;
    for (const { truth, segments: expected } of documented) {
      if (truth.method !== method || expected.length !== segments.length) continue;
      let equal = 0;
      const fits = expected.every((segment, index) => {
        if (segment === segments[index]) equal++;
        return segment === '{}' || segment === segments[index] || segments[index] === '{}';
      });
      if (fits && equal > (best?.equal ?? -1)) best = { name: `${truth.method} ${truth.template}`, equal };
    }
    const name = best?.name ?? '';
    counts[name] = (counts[name] ?? 0) + 1;
  }
  return counts;
}

const emptySensitive = (): SensitiveScore => ({ truePositives: 0, typeMatches: 0, byType: {}, negatives: 0, falsePositives: [], falseNegatives: [] });

function count(ratio: Ratio & { misses: string[] }, isHit: boolean, miss: string): void {
  (ratio as { hits: number; total: number }).total++;
  if (isHit) (ratio as { hits: number }).hits++;
  else ratio.misses.push(miss);
}

function scoreFields(score: DocumentScore, truth: OperationTruth, views: readonly OperationView[]): void {
  const where = `${truth.method} ${truth.template}`;
  const credentials = new Set(views.flatMap((view) => view.auth).filter((auth) => auth.in === 'query').map((auth) => auth.name));
  const parameters = views.flatMap((view) => view.parameters);
  for (const name of truth.queries) {
    // A query parameter discovery recognised as a credential (`apiKey`) is reported under auth.
    const isLearned = parameters.some((param) => param.in === 'query' && param.name === name) || credentials.has(name.toLowerCase());
    count(score.query, isLearned, `${where} ?${name}`);
  }
  const requestSchemas = views.flatMap((view) => view.requestBodies).map((body) => body.schema);
  for (const pointer of truth.requestFields) count(score.requestFields, requestSchemas.some((schema) => hasPointer(schema, pointer)), `${where} request ${pointer}`);
  for (const [status, pointers] of truth.responseFields) {
    const schemas = views.flatMap((view) => view.responses).filter((response) => response.status === status).map((response) => response.schema);
    for (const pointer of pointers) count(score.responseFields, schemas.some((schema) => hasPointer(schema, pointer)), `${where} ${status} ${pointer}`);
  }
}

/** Types that count as the truth's: a token generated as a JWT or an opaque secret may be reported as either. */
const ACCEPTED_TYPES: Readonly<Record<string, readonly string[]>> = { secret: ['secret', 'jwt', 'api-key'], 'api-key': ['api-key', 'secret'] };

function scoreSensitive(score: DocumentScore, truth: OperationTruth, views: readonly OperationView[]): void {
  const where = `${truth.method} ${truth.template}`;
  const reported = new Map<string, readonly string[]>();
  for (const field of views.flatMap((view) => view.sensitive)) {
    const key = `${field.direction} ${field.in} ${field.name}`;
    reported.set(key, [...new Set([...reported.get(key) ?? [], ...field.types])]);
  }
  // Query credentials (`apiKey`, `access_token`) are reported as authentication, not as fields.
  for (const auth of views.flatMap((view) => view.auth)) if (auth.in === 'query') reported.set(`request query ${auth.name}`, [auth.kind === 'api-key' ? 'api-key' : 'secret']);
  const lowerQuery = (key: string): string => (key.startsWith('request query ') ? key.toLowerCase() : key);
  const reportedKeys = new Map([...reported.keys()].map((key) => [lowerQuery(key), key]));
  for (const [key, leaf] of truth.leaves) {
    const reportedKey = reportedKeys.get(lowerQuery(key));
    reportedKeys.delete(lowerQuery(key));
    const types = reportedKey === undefined ? undefined : reported.get(reportedKey);
    const target = leaf.isPlanted ? score.plantedSensitive : score.documentedSensitive;
    if (leaf.types.size === 0) {
      if (leaf.isIgnored) continue;
      target.negatives++;
      if (types !== undefined) target.falsePositives.push(`${where} ${key} reported as ${types.join(', ')}`);
      continue;
    }
    const expected = [...leaf.types];
    const tally = (target.byType[expected[0]!] ??= { hits: 0, total: 0 });
    tally.total++;
    if (types !== undefined) tally.hits++;
    if (types === undefined) {
      target.falseNegatives.push(`${where} ${key} (${expected.join(', ')})`);
      continue;
    }
    target.truePositives++;
    if (expected.some((type) => (ACCEPTED_TYPES[type] ?? [type]).some((accepted) => types.includes(accepted)))) target.typeMatches++;
  }
  for (const key of reportedKeys.values()) score.unscored.push(`${where} ${key} (${(reported.get(key) ?? []).join(', ')})`);
}

type Schema = Record<string, unknown>;
const isSchema = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether a learned schema has the location `pointer` (RFC 6901, `*` for items and map values). */
export function hasPointer(schema: unknown, pointer: string): boolean {
  const segments = pointer.split('/').slice(1).map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
  return has(schema, segments, 0);
}

function has(schema: unknown, segments: readonly string[], index: number): boolean {
  if (!isSchema(schema)) return false;
  for (const keyword of ['oneOf', 'anyOf', 'allOf']) {
    const branches = schema[keyword];
    if (Array.isArray(branches) && branches.some((branch) => has(branch, segments, index))) return true;
  }
  if (index === segments.length) return true;
  const segment = segments[index]!;
  const properties = isSchema(schema.properties) ? schema.properties : {};
  if (segment === '*') {
    // Items, or map values: learned as additionalProperties, or (keys that do not look like ids) as properties.
    const candidates = [schema.items, schema.additionalProperties, ...Object.values(isSchema(schema.patternProperties) ? schema.patternProperties : {}), ...Object.values(properties)];
    return candidates.some((candidate) => has(candidate, segments, index + 1));
  }
  return Object.hasOwn(properties, segment) && has(properties[segment], segments, index + 1);
}
