// Which documented operation an observed one is: templates compared segment by segment, where a
// documented parameter matches any observed segment and static segments beat parameters, whatever
// the parameters are named on either side (`/users/{id}` is `/users/{userId}`).

/** `/users/{userId}.json` → ['users', '{}.json']: parameter names do not matter for matching. */
export function templateSegments(template: string): string[] {
  return template.split('/').filter((segment) => segment !== '').map((segment) => segment.replace(/\{[^{}/]*\}/g, '{}'));
}

/** Whether a documented segment accepts an observed one; undefined when not, else its specificity. */
function segmentScore(documented: string, observed: string): number | undefined {
  if (documented === observed) return documented.includes('{}') ? 1 : 2;
  const hole = documented.indexOf('{}');
  if (hole === -1 || documented.indexOf('{}', hole + 2) !== -1) return undefined;
  if (documented === '{}') return 0;
  // One parameter inside a segment (`{}.json`, `v{}`): the literal parts must frame the observed one.
  const prefix = documented.slice(0, hole);
  const suffix = documented.slice(hole + 2);
  const isFramed = observed.length > prefix.length + suffix.length && observed.startsWith(prefix) && observed.endsWith(suffix);
  return isFramed ? 1 : undefined;
}

export interface MatchCandidate<T> {
  readonly method: string;
  /** Full template: the server's base path and the document's path. */
  readonly template: string;
  readonly value: T;
}

/**
 * The candidate that matches `method observedTemplate` best: every segment accepted, static segments
 * preferred from left to right (so `/users/me` beats `/users/{id}`). Undefined when none matches.
 */
export function matchTemplate<T>(method: string, observedTemplate: string, candidates: readonly MatchCandidate<T>[]): T | undefined {
  const observed = templateSegments(observedTemplate);
  let best: { scores: number[]; value: T } | undefined;
  for (const candidate of candidates) {
    if (candidate.method !== method) continue;
    const documented = templateSegments(candidate.template);
    if (documented.length !== observed.length) continue;
    const scores: number[] = [];
    for (let index = 0; index < documented.length; index++) {
      const score = segmentScore(documented[index]!, observed[index]!);
      if (score === undefined) break;
      scores.push(score);
    }
    if (scores.length !== documented.length) continue;
    if (best === undefined || isBetter(scores, best.scores)) best = { scores, value: candidate.value };
  }
  return best?.value;
}

function isBetter(scores: readonly number[], than: readonly number[]): boolean {
  for (let index = 0; index < scores.length; index++) {
    if (scores[index] !== than[index]) return scores[index]! > than[index]!;
  }
  return false;
}

/** Joins a server base path and a document path: `/v2` + `/pets/{id}` → `/v2/pets/{id}`. */
export function joinBasePath(basePath: string, path: string): string {
  const base = basePath.endsWith('/') ? basePath.slice(0, -1) : basePath;
  return `${base}${path.startsWith('/') ? path : `/${path}`}`;
}
