// Learns path templates from traffic: document templates first, ids at once, literals on evidence.
import { createHash } from 'node:crypto';
import { applyCorrection } from './apply-correction.js';
import { createRule, type PathCorrection } from './correction-rules.js';
import { insertKnown, matchKnown } from './known-match.js';
import { processMerges, recordShapes, walkLearn, walkResolve, type Dirty, type Step, type TreeEnv } from './learn-walk.js';
import { settingsOf, type PathLearnerOptions, type Settings } from './learner-options.js';
import { nodeToState, restoreState, STATE_FORMAT, type PathLearnerState } from './learner-state.js';
import { consolidate } from './merge-policy.js';
import { createPathCache, type PathCache } from './path-cache.js';
import { addMember, countNodes, createStatic, isSaturated, type Example, type PathNode } from './path-node.js';
import { splitPath } from './split-path.js';
import { listTemplates, type TemplateInfo } from './template-list.js';
import { paramValues, renderSteps, statelessSteps, type RenderedTemplate } from './template-render.js';

export type { PathLearnerState } from './learner-state.js';
export type { PathLearnerOptions } from './learner-options.js';

export interface LearnedPath {
  readonly template: string;
  /** Parameter name → the raw (decoded) value in this path. */
  readonly params: Readonly<Record<string, string>>;
  /** The template and method are in the document. */
  readonly known: boolean;
  /** False when a bound (maxNodes, maxSegments, a full split position) kept the path out of the tree. */
  readonly tracked: boolean;
}

export interface PathLearner {
  /**
   * `shape`: an opaque signature of the answer (media type and kind, say); equal shapes for one
   * method are evidence of one resource, different ones a contradiction.
   */
  learn(method: string, path: string, shape?: string): LearnedPath;
  /** The template a request falls under, learning nothing; undefined if it falls under none yet. */
  match(method: string, path: string): LearnedPath | undefined;
  /** Applies a correction now and to everything learned later. Throws a TypeError if it names no position. */
  correct(correction: PathCorrection): void;
  templates(): TemplateInfo[];
  stats(): { nodes: number; untracked: number; cachedPaths: number };
  toJSON(): PathLearnerState;
}

interface Learner {
  readonly env: TreeEnv;
  readonly settings: Settings;
  readonly cache: PathCache<{ readonly terminal: PathNode; readonly result: LearnedPath }>;
  readonly corrections: PathCorrection[];
  rendered: WeakMap<PathNode, RenderedTemplate>;
  untracked: number;
}

/** Shapes are opaque caller strings: long ones are hashed so they cannot bloat the tree. */
function shapeKey(shape: string): string {
  return shape.length <= 64 ? shape : `sha256:${createHash('sha256').update(shape).digest('hex').slice(0, 32)}`;
}

/** After every change: the node count, and the caches that assumed the old tree. */
function settle(learner: Learner): void {
  const { env } = learner;
  env.nodeCount += env.nodeDelta;
  env.nodeDelta = 0;
  env.merged = false;
  if (!env.changed) return;
  env.changed = false;
  learner.cache.clear();
  learner.rendered = new WeakMap();
}

function record(steps: readonly Step[], example: Example): void {
  const terminal = steps.at(-1)!.node;
  terminal.hits++;
  (terminal.methods ??= new Set()).add(example.method);
  for (let index = 1; index < steps.length; index++) {
    const { node, kind, value } = steps[index]!;
    node.example ??= example;
    if (!node.isParam || kind === undefined || value === undefined) continue;
    (node.kinds ??= new Set()).add(kind);
    if (kind === 'literal' || kind === 'word') addMember(node, value, example);
  }
}

function result(learner: Learner, steps: readonly Step[], method: string | undefined): LearnedPath {
  const terminal = steps.at(-1)!.node;
  const tracked = method !== undefined;
  let text = tracked ? learner.rendered.get(terminal) : undefined;
  if (text === undefined) {
    text = renderSteps(steps);
    if (tracked) learner.rendered.set(terminal, text);
  }
  const methods = terminal.knownMethods;
  const known = tracked && methods !== undefined && (methods.has('*') || methods.has(method));
  return Object.freeze({ template: text.template, params: Object.freeze(paramValues(steps, text.names)), known, tracked });
}

function untracked(learner: Learner, segments: readonly string[]): LearnedPath {
  settle(learner);
  learner.untracked++;
  return result(learner, statelessSteps(segments), undefined);
}

function learnSlow(learner: Learner, method: string, path: string, shape: string | undefined): LearnedPath {
  const { env } = learner;
  const segments = splitPath(path);
  if (segments.length > learner.settings.maxSegments) return untracked(learner, segments);
  const example: Example = shape === undefined ? { method, path } : { method, path, shape };
  const dirty: Dirty[] = [];
  let steps = matchKnown(env.root, env.rules, segments) ?? walkLearn(env, { segments, shape, example }, dirty);
  if (steps === undefined) return untracked(learner, segments);
  recordShapes(steps, shape, dirty);
  const terminal = steps.at(-1)!.node;
  if (terminal.isParam && terminal.methods?.has(method) !== true) {
    // A parameter's first request with a method is evidence for the words beside it called with it.
    const parent = steps.at(-2)!;
    dirty.push({ node: parent.node, rule: parent.rule, suffix: terminal.suffix, depth: steps.length - 2 });
  }
  // Counted before the merges, which carry the counts along: they judge by the methods and kinds seen.
  record(steps, example);
  if (dirty.length > 0) processMerges(env, dirty);
  // A merge moved nodes: find the path again in the new tree.
  if (env.merged) steps = matchKnown(env.root, env.rules, segments) ?? walkResolve(env, segments) ?? steps;
  settle(learner);
  const learned = result(learner, steps, method);
  learner.cache.set(`${method} ${path}`, { terminal: steps.at(-1)!.node, result: learned });
  return learned;
}

/** Warm path: a request seen before, with a shape its template already has, is one Map lookup. */
function learn(learner: Learner, method: string, path: string, shape?: string): LearnedPath {
  const verb = method.toUpperCase();
  // Evidence is per method: a value's first PATCH answering otherwise than its GETs contradicts nothing.
  const key = shape === undefined ? undefined : `${verb} ${shapeKey(shape)}`;
  const hit = learner.cache.get(`${verb} ${path}`);
  const own = hit?.terminal.ownShapes;
  if (hit !== undefined && (key === undefined || own?.has(key) === true || isSaturated(own))) {
    hit.terminal.hits++;
    return hit.result;
  }
  return learnSlow(learner, verb, path, key);
}

function match(learner: Learner, method: string, path: string): LearnedPath | undefined {
  const { env } = learner;
  const segments = splitPath(path);
  const steps = matchKnown(env.root, env.rules, segments) ?? walkResolve(env, segments);
  const terminal = steps?.at(-1)?.node;
  if (steps === undefined || terminal === undefined || (terminal.hits === 0 && terminal.knownMethods === undefined)) return undefined;
  return result(learner, steps, method.toUpperCase());
}

/** The requests a correction hands back are learned again, now under its rule. */
function correct(learner: Learner, correction: PathCorrection): void {
  const replay = applyCorrection(learner.env, correction);
  // Corrections given at every start are also in the saved state: keep one, at its latest place.
  const text = JSON.stringify(correction);
  const earlier = learner.corrections.findIndex((entry) => JSON.stringify(entry) === text);
  if (earlier !== -1) learner.corrections.splice(earlier, 1);
  learner.corrections.push(correction);
  settle(learner);
  for (const example of replay) learn(learner, example.method, example.path, example.shape);
}

export function createPathLearner(options: PathLearnerOptions = {}): PathLearner {
  const settings = settingsOf(options);
  const env: TreeEnv = {
    root: createStatic('', undefined, 0), rules: createRule(), nodeCount: 1, nodeDelta: 0, merged: false, changed: false,
    minDistinct: settings.minDistinctValues, minDistinctUnshaped: settings.minDistinctUnshaped,
    maxLiteralChildren: settings.maxLiteralChildren, maxNodes: settings.maxNodes,
  };
  const learner: Learner = { env, settings, cache: createPathCache(settings.cacheSize), corrections: [], rendered: new WeakMap(), untracked: 0 };
  if (options.state !== undefined) learner.untracked = restoreState(options.state, env.root, { maxNodes: settings.maxNodes, maxDepth: settings.maxSegments });
  for (const known of options.knownTemplates ?? []) insertKnown(env.root, known);
  env.nodeCount = countNodes(env.root);
  for (const correction of [...options.state?.corrections ?? [], ...options.corrections ?? []]) correct(learner, correction);
  // Document parameters may explain literals learned before the document was given.
  consolidate(env.root, env.rules, env);
  settle(learner);
  return {
    learn: (method, path, shape) => learn(learner, method, path, shape),
    match: (method, path) => match(learner, method, path),
    correct: (correction) => correct(learner, correction),
    templates: (): TemplateInfo[] => listTemplates(env.root, env.rules),
    stats: () => ({ nodes: env.nodeCount, untracked: learner.untracked, cachedPaths: learner.cache.size }),
    toJSON: (): PathLearnerState => ({ format: STATE_FORMAT, untracked: learner.untracked, corrections: [...learner.corrections], root: nodeToState(env.root) ?? {} }),
  };
}
