// Exclusions tune false positives without turning detection off wholesale: each names which rules
// (globs over rule ids) stop counting at which input locations (globs over locations such as
// `body.$.comment`), optionally only for some operations (an operationId or `METHOD /template`).
import { compileGlob, type GlobMatcher } from './glob.js';

export interface Exclusion {
  /** Rule id globs: `sqli.union-select`, `xss.*`, `*`. */
  readonly rules: readonly string[];
  /** Location globs: `body.$.comment`, `header.user-agent`, `body.$.*.html`; omitted = everywhere. */
  readonly locations?: readonly string[];
  /** operationIds or `METHOD /path/template` of the route's OpenAPI document; omitted = every request. */
  readonly operations?: readonly string[];
}

export interface CompiledExclusions {
  /** Whether `ruleId` at `location` is excluded for a request to `operation` (ids as above). */
  excludes(ruleId: string, location: string, operation: OperationNames): boolean;
  /** Whether every rule is excluded at `location`: the engine then skips the field altogether. */
  excludesAll(location: string, operation: OperationNames): boolean;
}

/** The names a request's operation answers to; empty when the route has no document or nothing matched. */
export interface OperationNames {
  readonly operationId?: string;
  /** `GET /pets/{id}` */
  readonly template?: string;
}

interface CompiledExclusion {
  readonly rules: readonly GlobMatcher[];
  readonly isEveryRule: boolean;
  readonly locations: readonly GlobMatcher[] | undefined;
  readonly operations: ReadonlySet<string> | undefined;
}

const NO_EXCLUSIONS: CompiledExclusions = { excludes: () => false, excludesAll: () => false };

export function compileExclusions(exclusions: readonly Exclusion[]): CompiledExclusions {
  if (exclusions.length === 0) return NO_EXCLUSIONS;
  const compiled: CompiledExclusion[] = exclusions.map((exclusion) => ({
    rules: exclusion.rules.map(compileGlob),
    isEveryRule: exclusion.rules.includes('*'),
    locations: exclusion.locations?.map(compileGlob),
    operations: exclusion.operations === undefined ? undefined : new Set(exclusion.operations.map(normaliseOperation)),
  }));
  const applies = (exclusion: CompiledExclusion, location: string, operation: OperationNames): boolean =>
    (exclusion.operations === undefined || matchesOperation(exclusion.operations, operation))
    && (exclusion.locations === undefined || exclusion.locations.some((matches) => matches(location)));
  return {
    excludes: (ruleId, location, operation) =>
      compiled.some((exclusion) => exclusion.rules.some((matches) => matches(ruleId)) && applies(exclusion, location, operation)),
    excludesAll: (location, operation) => compiled.some((exclusion) => exclusion.isEveryRule && applies(exclusion, location, operation)),
  };
}

function matchesOperation(names: ReadonlySet<string>, operation: OperationNames): boolean {
  return (operation.operationId !== undefined && names.has(operation.operationId))
    || (operation.template !== undefined && names.has(normaliseOperation(operation.template)));
}

/** `get  /pets/{id}` and `GET /pets/{id}` name the same operation. */
function normaliseOperation(name: string): string {
  const match = /^([A-Za-z]+)\s+(\/\S*)$/.exec(name.trim());
  return match === null ? name.trim() : `${(match[1] as string).toUpperCase()} ${match[2] as string}`;
}

/** Whether a rule glob names at least one of `ruleIds`: an exclusion that names none is a typo. */
export function namesAnyRule(pattern: string, ruleIds: readonly string[]): boolean {
  const matches = compileGlob(pattern);
  return ruleIds.some((id) => matches(id));
}
