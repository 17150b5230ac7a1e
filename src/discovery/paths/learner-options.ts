// The learner's options, their defaults, and the settings they resolve to.
import type { PathCorrection } from './correction-rules.js';
import type { KnownTemplate } from './known-match.js';
import type { PathLearnerState } from './learner-state.js';

export interface PathLearnerOptions {
  /** Templates from the API's documents (OpenAPI paths), matched before anything learned. */
  readonly knownTemplates?: readonly KnownTemplate[];
  readonly corrections?: readonly PathCorrection[];
  /** A previous toJSON(): learning resumes where it stopped. */
  readonly state?: PathLearnerState;
  /** Distinct shapeless literals with a shared response shape before they merge (default 10). */
  readonly minDistinctValues?: number;
  /** The same for callers that give no shapes (default 20). */
  readonly minDistinctUnshaped?: number;
  /** Static children per position before its literals collapse into a parameter (default 1000). */
  readonly maxLiteralChildren?: number;
  /** Nodes in the whole tree; past it new paths are answered but not learned (default 50,000). */
  readonly maxNodes?: number;
  /** Longer paths are answered but not learned (default 32). */
  readonly maxSegments?: number;
  /** Concrete requests remembered for the warm path (default 16,384: a few MB). */
  readonly cacheSize?: number;
}

/**
 * Ten values sharing a shape is where a set of names stops being plausible as endpoints (REST
 * resources under one parent rarely number ten with one response shape) yet a busy API reaches it
 * within minutes; twenty without shapes, since a count is weaker evidence. A thousand literals per
 * position covers large static sets (country codes, locales) and bounds a flood to one node per
 * value until then; 50,000 nodes keeps a learner to a few megabytes.
 */
export const PATH_LEARNER_DEFAULTS = {
  minDistinctValues: 10, minDistinctUnshaped: 20, maxLiteralChildren: 1000, maxNodes: 50_000, maxSegments: 32, cacheSize: 16_384,
} as const;

export type Settings = { -readonly [K in keyof typeof PATH_LEARNER_DEFAULTS]: number };

/** Defaults for what is missing or not a finite number; every bound at least 1. */
export function settingsOf(options: PathLearnerOptions): Settings {
  const settings: Settings = { ...PATH_LEARNER_DEFAULTS };
  for (const key of Object.keys(settings) as (keyof Settings)[]) {
    const value = options[key];
    if (typeof value === 'number' && Number.isFinite(value)) settings[key] = Math.max(1, Math.floor(value));
  }
  return settings;
}
