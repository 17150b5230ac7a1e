// Learns a JSON Schema from observed JSON values (one learner per request body or response status of an
// operation) in memory bounded by its limits, whatever the number of samples; persists and merges.
import type { JsonSchema, SchemaOutputOptions } from './json-schema.js';
import { createNode } from './learner-node.js';
import type { LearnerContext, LearnerLimits, LearnerNode } from './learner-node.js';
import { mergeNode } from './node-merge.js';
import { nodeToSchema } from './node-schema.js';
import { nodeFromState, nodeToState } from './node-state.js';
import type { NodeState } from './node-state.js';
import { observe } from './observe-value.js';
import { isSensitiveFieldName } from './sensitive-names.js';

export type { LearnerLimits } from './learner-node.js';

/** Decides, once per location, that its values are never kept: `pointer` is RFC 6901 with `*` for items and map values, `name` its last key. */
export type SensitivityRule = (pointer: string, name: string) => boolean;

export interface SchemaLearnerOptions extends Partial<LearnerLimits> {
  /** Default: isSensitiveFieldName(name) (passwords, tokens, keys, card numbers...). */
  readonly isSensitive?: SensitivityRule;
}

export interface LearnerState {
  version: 1;
  limits: LearnerLimits;
  samples: number;
  truncatedSamples: number;
  root: NodeState;
}

export interface SchemaLearner {
  /** Learns one JSON value (a parsed body); undefined (no body) is ignored. */
  add(value: unknown): void;
  toSchema(options?: SchemaOutputOptions): JsonSchema;
  /** Plain JSON, for the inventory store; restoreSchemaLearner reads it back. */
  toJSON(): LearnerState;
  /** Adds what another learner (or a stored state) learned, as if its values had been added here. */
  merge(other: SchemaLearner | LearnerState): void;
  /** Values learned. */
  readonly count: number;
  /** Locations tracked: bounded by maxNodes. */
  readonly nodeCount: number;
  /** Samples of which only the first maxValuesPerSample values were learned. */
  readonly truncatedSamples: number;
}

export const DEFAULT_LEARNER_LIMITS: Readonly<LearnerLimits> = Object.freeze({
  maxNodes: 1_000,
  maxDepth: 32,
  maxProperties: 200,
  maxIdLikeKeys: 8,
  maxArrayItems: 64,
  maxValuesPerSample: 10_000,
  maxEnumValues: 10,
  maxEnumLength: 64,
  keepExamples: false,
});

const defaultSensitivity: SensitivityRule = (_pointer, name) => isSensitiveFieldName(name);

interface Internals {
  readonly context: LearnerContext;
  readonly root: LearnerNode;
  samples: number;
  truncatedSamples: number;
}

/** Lets merge() reach another learner's nodes without exposing them on the public object. */
const internalsOf = new WeakMap<SchemaLearner, Internals>();

export function createSchemaLearner(options: SchemaLearnerOptions = {}): SchemaLearner {
  const context = createContext(readLimits({ ...DEFAULT_LEARNER_LIMITS, ...withoutUndefined(options) }), options.isSensitive);
  return buildLearner({ context, root: createNode(context, undefined, '')!, samples: 0, truncatedSamples: 0 });
}

export interface RestoreOptions {
  readonly isSensitive?: SensitivityRule;
  /** Override the stored limits (a state bigger than them is refused), so a stored state cannot raise them. */
  readonly limits?: Partial<LearnerLimits>;
}

/** Reads a state written by toJSON (it is checked: a TypeError names what is wrong). */
export function restoreSchemaLearner(state: unknown, options: RestoreOptions = {}): SchemaLearner {
  if (typeof state !== 'object' || state === null) throw new TypeError('invalid schema learner state: not an object');
  const { version, limits, samples, truncatedSamples, root } = state as Record<string, unknown>;
  if (version !== 1) throw new TypeError('invalid schema learner state: unknown version');
  if (typeof limits !== 'object' || limits === null) throw new TypeError('invalid schema learner state: no limits');
  if (!isCount(samples) || !isCount(truncatedSamples)) throw new TypeError('invalid schema learner state: bad sample counts');
  const context = createContext(readLimits({ ...DEFAULT_LEARNER_LIMITS, ...(limits as Partial<LearnerLimits>), ...options.limits }), options.isSensitive);
  return buildLearner({ context, root: nodeFromState(context, undefined, '', root), samples, truncatedSamples });
}

function buildLearner(internals: Internals): SchemaLearner {
  const { context, root } = internals;
  const learner: SchemaLearner = {
    add(value) {
      if (value === undefined) return;
      context.budget = context.limits.maxValuesPerSample;
      context.isTruncated = false;
      observe(context, root, value);
      internals.samples++;
      if (context.isTruncated) internals.truncatedSamples++;
    },
    toSchema: (options = {}) => nodeToSchema(root, options),
    toJSON: () => ({ version: 1, limits: { ...context.limits }, samples: internals.samples, truncatedSamples: internals.truncatedSamples, root: nodeToState(root) }),
    merge(other) {
      // Merging a learner into itself would read the nodes it is writing: it goes through a copy.
      const known = internalsOf.get(other as SchemaLearner);
      const source = known !== undefined && known !== internals ? known : internalsOf.get(restoreSchemaLearner(known === internals ? learner.toJSON() : other))!;
      mergeNode(context, root, source.root);
      internals.samples += source.samples;
      internals.truncatedSamples += source.truncatedSamples;
    },
    get count() {
      return internals.samples;
    },
    get nodeCount() {
      return context.nodeCount;
    },
    get truncatedSamples() {
      return internals.truncatedSamples;
    },
  };
  internalsOf.set(learner, internals);
  return learner;
}

function createContext(limits: LearnerLimits, isSensitive: SensitivityRule = defaultSensitivity): LearnerContext {
  return { limits, isSensitive, nodeCount: 0, budget: 0, isTruncated: false };
}

const MINIMUM_LIMITS: Readonly<Record<Exclude<keyof LearnerLimits, 'keepExamples'>, number>> = {
  maxNodes: 1, maxDepth: 0, maxProperties: 1, maxIdLikeKeys: 0, maxArrayItems: 2, maxValuesPerSample: 1, maxEnumValues: 1, maxEnumLength: 1,
};

/** Limits are frozen and checked: each is an integer at or above its minimum (a bad one is a bug in the caller). */
function readLimits(candidate: Record<string, unknown>): LearnerLimits {
  for (const [name, minimum] of Object.entries(MINIMUM_LIMITS)) {
    const value = candidate[name];
    if (!Number.isSafeInteger(value) || (value as number) < minimum) throw new TypeError(`schema learner limit ${name} must be an integer ≥ ${minimum}`);
  }
  if (typeof candidate.keepExamples !== 'boolean') throw new TypeError('schema learner option keepExamples must be a boolean');
  const limits: Record<string, unknown> = {};
  for (const name of Object.keys(DEFAULT_LEARNER_LIMITS)) limits[name] = candidate[name];
  return Object.freeze(limits) as unknown as LearnerLimits;
}

function withoutUndefined(options: SchemaLearnerOptions): Partial<LearnerLimits> {
  const limits: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(options)) if (value !== undefined && name !== 'isSensitive') limits[name] = value;
  return limits;
}

function isCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}
