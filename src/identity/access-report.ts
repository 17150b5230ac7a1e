// The unused-privilege report behind `bulwark access report`: per consumer, what it may do (scopes
// its credentials, grants and tokens carry; operations its scopes and policies open) against what it
// actually used in the window (usage counted by the access stage), and how to narrow the difference.
// Pure: the command gathers the inputs, this decides.
import type { OperationUsage, PrivilegeSighting } from '../store/index.js';

/** An API key or a grant, as far as the report needs one. */
export interface HeldCredential {
  readonly id: string;
  readonly consumer: string;
  readonly scopes: readonly string[];
  readonly expiresAt?: string;
}

/** An operation of a route's OpenAPI document. */
export interface DocumentedOperation {
  readonly route: string;
  readonly method: string;
  readonly pathTemplate: string;
  readonly operationId?: string;
  /** OR of AND-ed oauth2 / openIdConnect scopes; [] = no scope needed; [[]] = one alternative needing none. */
  readonly scopeAlternatives: readonly (readonly string[])[];
}

/** An access policy, as far as the report needs one; `matchesConsumer` and `grants` come from the access stage's own logic. */
export interface ReportPolicy {
  readonly label: string;
  /** Whether the policy applies to this consumer: named by id, role or group (or naming none, or anyone), and its scopes held. */
  matchesConsumer(consumer: string, held: { roles: readonly string[]; groups: readonly string[]; scopes: readonly string[] }): boolean;
}

export interface AccessReportInput {
  /** First day counted (YYYY-MM-DD, UTC) and the report's end. */
  readonly sinceDay: string;
  readonly until: string;
  readonly usage: readonly OperationUsage[];
  readonly privileges: readonly PrivilegeSighting[];
  readonly keys: readonly HeldCredential[];
  readonly grants: readonly HeldCredential[];
  /** Known when the command was given the gateway config. */
  readonly operations?: readonly DocumentedOperation[];
  readonly policies?: readonly ReportPolicy[];
}

export interface ConsumerAccess {
  readonly consumer: string;
  readonly kinds: readonly string[];
  readonly lastSeen?: string;
  readonly allowed: number;
  readonly denied: number;
  readonly scopes: {
    readonly held: readonly string[];
    readonly used: readonly string[];
    readonly unused: readonly string[];
    /** Where each held scope comes from: `token`, `key <id>` or `grant <id>`. */
    readonly sources: Readonly<Record<string, readonly string[]>>;
    /** False when none of the consumer's uses was scope-checked (no OpenAPI operation): unused is then unknown. */
    readonly assessable: boolean;
  };
  readonly operations: {
    readonly used: readonly { route: string; operation: string; allowed: number; denied: number }[];
    /** Documented operations the held scopes open (only with the config's documents). */
    readonly permitted?: number;
    readonly permittedUnused?: readonly string[];
  };
  readonly policies: { readonly matching: readonly string[]; readonly used: readonly string[]; readonly unused: readonly string[] };
  readonly recommendations: readonly string[];
}

export interface AccessReport {
  readonly sinceDay: string;
  readonly until: string;
  readonly consumers: readonly ConsumerAccess[];
}

export function buildAccessReport(input: AccessReportInput): AccessReport {
  const names = new Set<string>([
    ...input.usage.map((u) => u.consumer), ...input.privileges.map((p) => p.consumer),
    ...input.keys.map((k) => k.consumer), ...input.grants.map((g) => g.consumer),
  ]);
  const consumers = [...names].sort().map((consumer) => consumerAccess(consumer, input));
  return { sinceDay: input.sinceDay, until: input.until, consumers };
}

function consumerAccess(consumer: string, input: AccessReportInput): ConsumerAccess {
  const usage = input.usage.filter((u) => u.consumer === consumer);
  const sighting = input.privileges.find((p) => p.consumer === consumer);
  const keys = input.keys.filter((k) => k.consumer === consumer);
  const grants = input.grants.filter((g) => g.consumer === consumer);

  const sources = new Map<string, string[]>();
  const addSource = (scopes: readonly string[], source: string): void => {
    for (const scope of scopes) sources.set(scope, [...(sources.get(scope) ?? []), source]);
  };
  // Grants are merged into the consumer's scopes at the gateway, so a granted scope also shows up
  // in what its requests carried; it is attributed to the grant, not to the token.
  const granted = new Set(grants.flatMap((g) => g.scopes));
  const keyed = new Set(keys.flatMap((k) => k.scopes));
  addSource((sighting?.scopes ?? []).filter((s) => !granted.has(s) && !keyed.has(s)), 'token');
  for (const key of keys) addSource(key.scopes, `key ${key.id}`);
  for (const grant of grants) addSource(grant.scopes, `grant ${grant.id}`);

  const held = [...sources.keys()].sort();
  const allowedUses = usage.filter((u) => u.allowed > 0);
  const used = [...new Set(allowedUses.flatMap((u) => u.scopesUsed))].sort();
  const assessable = usage.some((u) => !u.operation.endsWith(' *'));
  const unused = assessable || usage.length === 0 ? held.filter((scope) => !used.includes(scope)) : [];

  const privileges = { roles: sighting?.roles ?? [], groups: sighting?.groups ?? [], scopes: held };
  const matching = (input.policies ?? []).filter((p) => p.matchesConsumer(consumer, privileges)).map((p) => p.label);
  const policiesUsed = [...new Set(allowedUses.flatMap((u) => u.policiesUsed))].sort();

  let permitted: number | undefined;
  let permittedUnused: string[] | undefined;
  if (input.operations) {
    const opened = input.operations.filter((op) => op.scopeAlternatives.some((needed) => needed.length > 0 && needed.every((s) => held.includes(s))));
    const called = new Set(usage.filter((u) => u.allowed > 0).map((u) => `${u.route} ${u.operation}`));
    permitted = opened.length;
    permittedUnused = opened.filter((op) => !called.has(`${op.route} ${op.method} ${op.pathTemplate}`))
      .map((op) => `${op.method} ${op.pathTemplate}${op.operationId === undefined ? '' : ` (${op.operationId})`}`);
  }

  const access: Omit<ConsumerAccess, 'recommendations'> = {
    consumer,
    kinds: [...new Set([...usage.map((u) => u.kind), ...(sighting ? [sighting.kind] : [])])].sort(),
    ...(sighting ? { lastSeen: sighting.lastSeen } : lastSeenOf(usage)),
    allowed: sum(usage.map((u) => u.allowed)),
    denied: sum(usage.map((u) => u.denied)),
    scopes: { held, used, unused, sources: Object.fromEntries([...sources].sort(([a], [b]) => a.localeCompare(b))), assessable: assessable || usage.length === 0 },
    operations: {
      used: usage.map((u) => ({ route: u.route, operation: u.operation, allowed: u.allowed, denied: u.denied })),
      ...(permitted === undefined ? {} : { permitted, permittedUnused }),
    },
    policies: { matching, used: policiesUsed, unused: matching.filter((label) => !policiesUsed.includes(label)) },
  };
  return { ...access, recommendations: recommend(access, keys, grants, input.sinceDay) };
}

function recommend(access: Omit<ConsumerAccess, 'recommendations'>, keys: readonly HeldCredential[], grants: readonly HeldCredential[], sinceDay: string): string[] {
  const out: string[] = [];
  if (access.allowed === 0 && access.denied === 0) {
    const credentials = [...keys.map((k) => `API key ${k.id}`), ...grants.map((g) => `grant ${g.id}`)];
    if (credentials.length > 0) out.push(`No requests since ${sinceDay}: revoke ${credentials.join(', ')} if the consumer is gone.`);
    return out;
  }
  const unused = new Set(access.scopes.unused);
  for (const key of keys) {
    const idle = key.scopes.filter((s) => unused.has(s));
    if (idle.length === 0) continue;
    const keep = key.scopes.filter((s) => !unused.has(s));
    out.push(keep.length === 0
      ? `API key ${key.id}: none of its scopes (${idle.join(', ')}) was needed; revoke it.`
      : `API key ${key.id}: scopes ${idle.join(', ')} were never needed; replace it with a key for ${keep.join(',')} (bulwark keys create --scopes ${keep.join(',')}, then revoke ${key.id}).`);
  }
  for (const grant of grants) {
    const idle = grant.scopes.filter((s) => unused.has(s));
    if (idle.length === grant.scopes.length) out.push(`Grant ${grant.id} (${idle.join(', ')}) has not been used; revoke it early (bulwark grants revoke ${grant.id}).`);
  }
  const tokenScopes = Object.entries(access.scopes.sources).filter(([scope, from]) => unused.has(scope) && from.includes('token')).map(([scope]) => scope);
  if (tokenScopes.length > 0) out.push(`Its tokens carry ${tokenScopes.join(', ')} without needing them: narrow the scopes the client is allowed to request at the authorization server.`);
  if (access.policies.unused.length > 0) out.push(`Policies ${access.policies.unused.join(', ')} apply to it but granted nothing it used: narrow their consumers / roles / groups.`);
  if (access.denied > 0) out.push(`${access.denied} requests were refused for missing scopes or grants: check whether it is misconfigured or probing.`);
  if (!access.scopes.assessable) out.push('Scope use is unknown: its routes have no OpenAPI document, so no operation names the scopes it needs.');
  return out;
}

function lastSeenOf(usage: readonly OperationUsage[]): { lastSeen?: string } {
  const latest = usage.map((u) => u.lastSeen).sort().at(-1);
  return latest === undefined ? {} : { lastSeen: latest };
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
