// The inventory against the OpenAPI documents the gateway enforces or the user gives: shadow
// operations and parameters (called, not documented), zombie operations (deprecated, or removed since
// a previous version, and still called: every call counts), drift (documented and observed schemas
// differ) and documented operations never called. OWASP API9:2023, improper inventory management.
import type { ApiModel, OperationSpec, ParameterSpec } from '../../contract/index.js';
import { compareSchemas } from '../schema/index.js';
import { joinBasePath, matchTemplate, type MatchCandidate } from './match-template.js';
import type { JsonSchema, OperationView, ParameterIn } from './operation-view.js';

export interface DocumentedOperation {
  readonly source: string;
  readonly method: string;
  /** Full template: server base path and document path. */
  readonly template: string;
  readonly operationId?: string;
  readonly deprecated: boolean;
  readonly spec: OperationSpec;
}

export interface SchemaDifference {
  readonly pointer: string;
  readonly kind: string;
  readonly documented?: string;
  readonly observed?: string;
}

export interface DriftFinding extends SchemaDifference {
  /** `request application/json`, `response 200 application/json`, `query limit`. */
  readonly where: string;
}

export type OperationStatus = 'documented' | 'shadow' | 'zombie';

export interface ComparedOperation {
  readonly view: OperationView;
  readonly status: OperationStatus;
  readonly documented?: DocumentedOperation;
  /** zombie: deprecated in the current document, or in a previous document only. */
  readonly zombieReason?: 'deprecated' | 'removed';
  readonly shadowParameters: readonly { in: ParameterIn; name: string; calls: number }[];
  readonly drift: readonly DriftFinding[];
}

export interface DocumentComparison {
  readonly operations: readonly ComparedOperation[];
  /** Documented in a current document, never called. */
  readonly unused: readonly DocumentedOperation[];
}

export interface CompareOptions {
  /** Documents of earlier versions: their operations missing from the current ones are removed ones. */
  readonly previous?: readonly ApiModel[];
  /** Schema comparison (documented, observed) → differences; default: the schema module's compareSchemas. */
  readonly compareSchemas?: (documented: JsonSchema, observed: JsonSchema, direction: 'request' | 'response') => readonly SchemaDifference[];
  /** Headers never reported as shadow parameters (transport, credentials). */
  readonly ignoredHeaders?: ReadonlySet<string>;
}

export function documentedOperations(models: readonly ApiModel[]): DocumentedOperation[] {
  return models.flatMap((model) => model.operations.flatMap((spec) => spec.basePaths.map((base) => ({
    source: model.source, method: spec.method, template: joinBasePath(base, spec.pathTemplate),
    ...(spec.operationId !== undefined ? { operationId: spec.operationId } : {}), deprecated: spec.deprecated, spec,
  }))));
}

export function compareWithDocuments(views: readonly OperationView[], current: readonly ApiModel[], options: CompareOptions = {}): DocumentComparison {
  const documented = documentedOperations(current);
  const candidates: MatchCandidate<DocumentedOperation>[] = documented.map((operation) => ({ method: operation.method, template: operation.template, value: operation }));
  const previous: MatchCandidate<DocumentedOperation>[] = documentedOperations(options.previous ?? []).map((operation) => ({ method: operation.method, template: operation.template, value: operation }));
  const called = new Set<DocumentedOperation>();
  const operations = views.map((view): ComparedOperation => {
    const match = matchTemplate(view.method, view.template, candidates);
    if (match === undefined) {
      const removed = matchTemplate(view.method, view.template, previous);
      return removed === undefined
        ? { view, status: 'shadow', shadowParameters: [], drift: [] }
        : { view, status: 'zombie', documented: removed, zombieReason: 'removed', shadowParameters: [], drift: [] };
    }
    if (view.calls > 0) called.add(match);
    return {
      view, documented: match, ...(match.deprecated ? { status: 'zombie' as const, zombieReason: 'deprecated' as const } : { status: 'documented' as const }),
      shadowParameters: shadowParameters(view, match.spec, options.ignoredHeaders), drift: driftOf(view, match.spec, options.compareSchemas ?? learnedDrift),
    };
  });
  return { operations, unused: documented.filter((operation) => !called.has(operation)) };
}

function shadowParameters(view: OperationView, spec: OperationSpec, ignoredHeaders: ReadonlySet<string> | undefined): ComparedOperation['shadowParameters'] {
  const known = new Set(spec.parameters.map((parameter: ParameterSpec) => `${parameter.in} ${parameter.in === 'header' ? parameter.name.toLowerCase() : parameter.name}`));
  const credentials = new Set(view.auth.map((auth) => `${auth.in} ${auth.name}`));
  return view.parameters
    .filter((parameter) => parameter.in !== 'path' && !known.has(`${parameter.in} ${parameter.name}`) && !credentials.has(`${parameter.in} ${parameter.name}`))
    .filter((parameter) => parameter.in !== 'header' || !(ignoredHeaders?.has(parameter.name) ?? false))
    .map(({ in: where, name, calls }) => ({ in: where, name, calls }));
}

function learnedDrift(documented: JsonSchema, observed: JsonSchema, direction: 'request' | 'response'): readonly SchemaDifference[] {
  return compareSchemas(documented, observed, '', { direction });
}

function driftOf(view: OperationView, spec: OperationSpec, compare: NonNullable<CompareOptions['compareSchemas']>): DriftFinding[] {
  const found: DriftFinding[] = [];
  for (const body of view.requestBodies) {
    const media = spec.requestBody?.content.find((content) => content.mediaType === body.contentType);
    if (media?.schema !== undefined && body.schema !== undefined) found.push(...compare(media.schema as JsonSchema, body.schema, 'request').map((difference) => ({ ...difference, where: `request ${body.contentType}` })));
  }
  for (const response of view.responses) {
    const documented = spec.responses.find((candidate) => candidate.status === response.status) ?? spec.responses.find((candidate) => candidate.status === `${response.status[0] ?? ''}XX`);
    const media = documented?.content.find((content) => content.mediaType === response.contentType);
    if (media?.schema !== undefined && response.schema !== undefined) found.push(...compare(media.schema as JsonSchema, response.schema, 'response').map((difference) => ({ ...difference, where: `response ${response.status} ${response.contentType}` })));
  }
  for (const parameter of view.parameters) {
    const documented = spec.parameters.find((candidate) => candidate.in === parameter.in && candidate.name === parameter.name);
    if (documented !== undefined && typeof documented.schema === 'object' && documented.schema !== null) {
      found.push(...compare(documented.schema as JsonSchema, parameter.schema, 'request').map((difference) => ({ ...difference, where: `${parameter.in} ${parameter.name}` })));
    }
  }
  return found;
}
