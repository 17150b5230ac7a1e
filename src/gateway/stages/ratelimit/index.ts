// The ratelimit stage (OWASP API4 unrestricted resource consumption, API6 sensitive business flows):
// page-size guards, then every limit and flow that applies to the request checked at once in the
// memory or Redis store (all or nothing: a refused request is not charged), then the concurrency caps.
// 429 with Retry-After and the IETF RateLimit fields; admitted answers carry the RateLimit fields too.
// Limits whose key reads the body wait for it (a login flow keyed by `body.username`).
import { BulwarkError } from '../../../core/errors.js';
import {
  compileKeyPart, createRateLimitServices, isKeyPart, policyItem, rateLimitHeaders, retryAfterSeconds,
  type AppliedLimit, type Decision, type GuardedCheck, type GuardedResult, type KeyPart, type KeySources, type LimitSpec,
  type RateLimitServices, type StoreFailurePolicy,
} from '../../../ratelimit/index.js';
import { hasRequestBody, type RequestBody } from '../../request-body.js';
import type { RequestContext } from '../../request-context.js';
import { defineStage, type RuleDescription } from '../../stage.js';
import { CONTINUE, deny, type Denial, type Verdict } from '../../verdict.js';
import { compileOperationPattern, isOperationPattern, operationRefOf, type OperationPattern, type OperationRef } from '../access/operation-pattern.js';
import { ratelimitConfigSchema, type RatelimitConfig } from './schema.js';

const RULES: readonly RuleDescription[] = [
  { id: 'ratelimit.exceeded', status: 429, title: 'Rate limit exceeded', severity: 'low', category: 'API4:2023', description: 'A rate limit or quota that applies to the request is used up. `Retry-After` says when to try again; `RateLimit-Policy` and `RateLimit` (IETF draft) name the limit and its state.' },
  { id: 'ratelimit.flow', status: 429, title: 'Sensitive flow limit exceeded', severity: 'medium', category: 'API6:2023', description: 'Too many attempts of a sensitive business flow (login, OTP, password reset...) on one account or from one source. Counted per target account too, so an attack spread over many addresses is slowed.' },
  { id: 'ratelimit.concurrency', status: 429, title: 'Too many requests in flight', severity: 'low', category: 'API4:2023', description: 'The consumer (or, for anonymous callers, the client address) has `concurrency.perConsumer` requests in flight on this instance.' },
  { id: 'ratelimit.upstream-concurrency', status: 503, title: 'Upstream at capacity', severity: 'low', category: 'API4:2023', description: 'The route\'s upstream has `concurrency.perUpstream` requests in flight from this instance.' },
  { id: 'ratelimit.page-size', status: 400, title: 'Page size too large', severity: 'low', category: 'API4:2023', description: 'A page-size query parameter (`limit`, `per_page`...) asks for more than the guard allows.' },
  { id: 'ratelimit.store-unavailable', status: 503, title: 'Rate-limit store unavailable', severity: 'medium', category: 'API4:2023', description: 'The shared (Redis) store failed or was slower than its timeout. A limit with `onStoreFailure: closed` refuses the request (503); otherwise this is an `allowed` event (at most one a minute while the store is down) and the limit is counted locally or not at all.' },
];

interface CompiledLimit {
  readonly name: string;
  readonly parts: readonly KeyPart[];
  readonly spec: LimitSpec;
  readonly operations: readonly OperationPattern[] | undefined;
  readonly ifKeyMissing: 'ip' | 'skip';
  readonly onStoreFailure: StoreFailurePolicy;
  readonly needsBody: boolean;
  readonly policy: string;
  readonly isFlow: boolean;
  /**
   * Shown in the RateLimit fields. Not a flow's per-account limit: its remaining count would tell
   * anyone how often others have tried that account lately.
   */
  readonly isAdvertised: boolean;
}

interface PageGuard {
  readonly parameters: readonly string[];
  readonly max: number;
  readonly operations: readonly OperationPattern[] | undefined;
}

/** What one request's limits are, worked out once per operation. */
interface Plan {
  readonly limits: readonly CompiledLimit[];
  readonly cost: number;
  readonly pageGuards: readonly PageGuard[];
  readonly needsBody: boolean;
}

/** Plans kept per operation (or per path on routes without a document), bounded. */
const MAX_PLANS = 1024;

export const ratelimitStage = defineStage<RatelimitConfig>({
  name: 'ratelimit',
  description: 'rate limits and quotas (memory or Redis), operation costs, sensitive flows, concurrency and page-size guards',
  configSchema: ratelimitConfigSchema,
  // A store outage is handled by each limit's onStoreFailure; a bug here should not take the API down.
  defaultFailurePolicy: 'open',
  enabledByDefault: true,
  rules: RULES,
  create(config, deps) {
    const services: RateLimitServices = deps.rateLimits ?? createRateLimitServices();
    const isShared = config.store === 'redis';
    const shared = services.shared;
    if (isShared && shared === undefined) {
      throw new BulwarkError('CONFIG_INVALID', 'store is "redis" but the gateway runs without store.redis (add it; a store.redis added by a reload takes effect on restart)');
    }
    const limits = compileLimits(config);
    const costs = config.costs.map((entry, index) => ({ operations: operationPatterns(entry.operations, `costs[${index}].operations`), cost: entry.cost }));
    const pageGuards: PageGuard[] = config.pageSize.map((guard, index) => ({
      parameters: guard.parameters, max: guard.max,
      operations: guard.operations === undefined ? undefined : operationPatterns(guard.operations, `pageSize[${index}].operations`),
    }));
    const { perConsumer, perUpstream } = config.concurrency;
    // Nothing configured (the default): no phase at all, so the stage costs a request nothing.
    if (limits.length === 0 && pageGuards.length === 0 && perConsumer === undefined && perUpstream === undefined) return {};
    const plans = new Map<string, Plan>();
    const waiting = new WeakMap<RequestContext, Plan>();

    function planFor(ref: OperationRef): Plan {
      const cacheKey = `${ref.method} ${ref.path} ${ref.operationId ?? ''}`;
      let plan = plans.get(cacheKey);
      if (plan !== undefined) return plan;
      const applies = (operations: readonly OperationPattern[] | undefined): boolean => operations === undefined || operations.some((matches) => matches(ref));
      const applicable = limits.filter((limit) => applies(limit.operations));
      plan = {
        limits: applicable,
        cost: costs.find((entry) => applies(entry.operations))?.cost ?? 1,
        pageGuards: pageGuards.filter((guard) => applies(guard.operations)),
        needsBody: applicable.some((limit) => limit.needsBody),
      };
      if (plans.size >= MAX_PLANS) plans.clear();
      plans.set(cacheKey, plan);
      return plan;
    }

    function check(ctx: RequestContext, plan: Plan, body: RequestBody | undefined): Verdict | Promise<Verdict> {
      if (plan.limits.length === 0) return admitConcurrency(ctx);
      const sources = keySources(ctx, body);
      const applied: CompiledLimit[] = [];
      const checks: GuardedCheck[] = [];
      for (const limit of plan.limits) {
        const key = keyOf(limit, sources);
        if (key === undefined) continue;
        applied.push(limit);
        checks.push({ key, spec: limit.spec, cost: plan.cost, onStoreFailure: limit.onStoreFailure });
      }
      if (checks.length === 0) return admitConcurrency(ctx);
      if (!isShared) return decide(ctx, applied, services.memory.check(checks), undefined);
      return shared!.check(checks).then((result) => decide(ctx, applied, result.decisions, result));
    }

    function decide(ctx: RequestContext, applied: readonly CompiledLimit[], decisions: readonly Decision[], result: GuardedResult | undefined): Verdict {
      if (result?.degraded) noteDegraded(ctx, result, services);
      if (result?.unavailable) {
        return deny({
          status: 503, ruleId: 'ratelimit.store-unavailable', severity: 'medium', category: 'API4:2023',
          detail: 'The request could not be checked against its rate limits; try again shortly.', headers: { 'retry-after': '1' },
        });
      }
      const appliedLimits: AppliedLimit[] = [];
      const policies: string[] = [];
      let refused: AppliedLimit | undefined;
      let refusedLimit: CompiledLimit | undefined;
      for (let index = 0; index < applied.length; index++) {
        const limit = applied[index]!;
        const decision = decisions[index]!;
        const entry = { name: limit.name, spec: limit.spec, decision };
        if (limit.isAdvertised) {
          appliedLimits.push(entry);
          policies.push(limit.policy);
        }
        // The refusal that lasts longest is the one to report: retrying earlier would be refused again.
        if (!decision.allowed && (refused === undefined || decision.retryAfterMs > refused.decision.retryAfterMs)) {
          refused = entry;
          refusedLimit = limit;
        }
      }
      if (refused !== undefined && refusedLimit !== undefined) {
        const retryAfter = retryAfterSeconds(refused.decision.retryAfterMs);
        const fields = config.headers && refusedLimit.isAdvertised ? rateLimitHeaders(appliedLimits, policies, refused) : undefined;
        return deny({
          status: 429,
          ruleId: refusedLimit.isFlow ? 'ratelimit.flow' : 'ratelimit.exceeded',
          severity: refusedLimit.isFlow ? 'medium' : 'low',
          category: refusedLimit.isFlow ? 'API6:2023' : 'API4:2023',
          detail: `Too many requests: the limit "${refused.name}" is used up; retry after ${retryAfter} s.`,
          evidence: { matched: refused.name, limit: refused.spec.limit, periodMs: refused.spec.periodMs, retryAfterMs: refused.decision.retryAfterMs },
          headers: { 'retry-after': retryAfter, ...fields },
        });
      }
      if (config.headers && appliedLimits.length > 0) ctx.rateLimitHeaders = rateLimitHeaders(appliedLimits, policies);
      return admitConcurrency(ctx);
    }

    function admitConcurrency(ctx: RequestContext): Verdict {
      if (perConsumer !== undefined) {
        const key = ctx.consumer && ctx.consumer.kind !== 'anonymous' ? `consumer:${ctx.consumer.id}` : `ip:${ctx.clientIp}`;
        if (!services.concurrency.tryAcquire(key, perConsumer)) return CONCURRENCY_DENIAL;
        onFinish(ctx, () => services.concurrency.release(key));
      }
      if (perUpstream !== undefined) {
        const key = `upstream:${ctx.routeName}`;
        if (!services.concurrency.tryAcquire(key, perUpstream)) return UPSTREAM_DENIAL;
        onFinish(ctx, () => services.concurrency.release(key));
      }
      return CONTINUE;
    }

    return {
      onRequest(ctx) {
        const plan = planFor(operationRefOf(ctx));
        if (plan.pageGuards.length > 0) {
          const tooLarge = pageSizeProblem(ctx.query, plan.pageGuards);
          if (tooLarge !== undefined) return pageSizeDenial(tooLarge.parameter, tooLarge.max);
        }
        if (plan.needsBody && hasRequestBody(ctx.headers)) {
          waiting.set(ctx, plan);
          return CONTINUE;
        }
        return check(ctx, plan, undefined);
      },
      needsBody: (ctx) => waiting.has(ctx),
      onRequestBody(ctx, body) {
        const plan = waiting.get(ctx);
        if (plan === undefined) return CONTINUE;
        waiting.delete(ctx);
        return check(ctx, plan, body);
      },
      onResponse(ctx, response) {
        const headers = ctx.rateLimitHeaders;
        if (headers === undefined || response.headers.ratelimit !== undefined) return CONTINUE;
        response.headers['ratelimit-policy'] = headers['ratelimit-policy'];
        if (headers.ratelimit !== '') response.headers.ratelimit = headers.ratelimit;
        return CONTINUE;
      },
    };
  },
});

function compileLimits(config: RatelimitConfig): CompiledLimit[] {
  const compiled: CompiledLimit[] = [];
  const names = new Set<string>();
  const add = (limit: CompiledLimit, where: string): void => {
    if (names.has(limit.name)) throw new BulwarkError('CONFIG_INVALID', `${where}: the limit name "${limit.name}" is used twice`);
    names.add(limit.name);
    compiled.push(limit);
  };
  config.limits.forEach((limit, index) => {
    const parts = keyParts(limit.key, `limits[${index}].key`);
    const spec = specOf(limit.algorithm, limit.limit, limit.per, limit.burst);
    if (limit.burst !== undefined && limit.algorithm === 'sliding-window') {
      throw new BulwarkError('CONFIG_INVALID', `limits[${index}].burst: only the gcra algorithm has a burst (a sliding window admits at most limit per period)`);
    }
    add({
      name: limit.name, parts, spec, policy: policyItem(limit.name, spec), isFlow: false, isAdvertised: true,
      operations: limit.operations === undefined ? undefined : operationPatterns(limit.operations, `limits[${index}].operations`),
      ifKeyMissing: limit.ifKeyMissing, onStoreFailure: limit.onStoreFailure ?? config.onStoreFailure,
      needsBody: parts.some((part) => part.needsBody),
    }, `limits[${index}].name`);
  });
  config.flows.forEach((flow, index) => {
    const operations = operationPatterns(flow.operations, `flows[${index}].operations`);
    if (!isKeyPart(flow.account)) throw new BulwarkError('CONFIG_INVALID', `flows[${index}].account: "${flow.account}" is not a key part (body.<field>, query.<name>, path.<param>, header.<name>, claim.<path>)`);
    const onStoreFailure = flow.onStoreFailure ?? 'closed';
    const account = [compileKeyPart(flow.account, { fold: true })];
    const accountSpec = specOf('sliding-window', flow.perAccount.limit, flow.perAccount.per, undefined);
    const accountName = `${flow.name}.account`;
    add({
      name: accountName, parts: account, spec: accountSpec, policy: policyItem(accountName, accountSpec), isFlow: true, isAdvertised: false, operations,
      ifKeyMissing: 'ip', onStoreFailure, needsBody: account.some((part) => part.needsBody),
    }, `flows[${index}].name`);
    const source = keyParts(flow.perSource.key ?? ['ip'], `flows[${index}].perSource.key`);
    const sourceSpec = specOf('sliding-window', flow.perSource.limit, flow.perSource.per, undefined);
    const sourceName = `${flow.name}.source`;
    add({
      name: sourceName, parts: source, spec: sourceSpec, policy: policyItem(sourceName, sourceSpec), isFlow: true, isAdvertised: true, operations,
      ifKeyMissing: 'ip', onStoreFailure, needsBody: source.some((part) => part.needsBody),
    }, `flows[${index}].name`);
  });
  return compiled;
}

function specOf(algorithm: 'gcra' | 'sliding-window', limit: number, periodMs: number, burst: number | undefined): LimitSpec {
  if (periodMs < 1) throw new BulwarkError('CONFIG_INVALID', 'a rate-limit period must be at least 1 ms');
  return { algorithm, limit, periodMs, burst: burst ?? limit };
}

function keyParts(parts: readonly string[], where: string): KeyPart[] {
  return parts.map((part) => {
    if (!isKeyPart(part)) throw new BulwarkError('CONFIG_INVALID', `${where}: "${part}" is not a key part (ip, consumer, api-key, route, operation, method, header.<name>, query.<name>, path.<param>, claim.<path>, body.<path>)`);
    return compileKeyPart(part);
  });
}

function operationPatterns(patterns: readonly string[], where: string): OperationPattern[] {
  return patterns.map((pattern) => {
    if (!isOperationPattern(pattern)) throw new BulwarkError('CONFIG_INVALID', `${where}: "${pattern}" is not an operation pattern ('METHOD /path' or an operationId)`);
    return compileOperationPattern(pattern);
  });
}

/** The key of `limit` for this request; undefined when a part is missing and the limit skips then. */
function keyOf(limit: CompiledLimit, sources: KeySources): string | undefined {
  let key = limit.name;
  for (const part of limit.parts) {
    const value = part.read(sources);
    if (value === undefined) {
      if (limit.ifKeyMissing === 'skip') return undefined;
      // Counted by address instead: omitting a header or calling anonymously must not escape the limit.
      return `${limit.name}|ip=${sources.clientIp}`;
    }
    key += `|${part.name}=${value}`;
  }
  return key;
}

function keySources(ctx: RequestContext, body: RequestBody | undefined): KeySources {
  const match = ctx.contract;
  return {
    clientIp: ctx.clientIp,
    routeName: ctx.routeName,
    method: ctx.method,
    operation: ctx.operation ? (ctx.operation.operationId ?? `${ctx.operation.method} ${ctx.operation.pathTemplate}`) : undefined,
    consumer: ctx.consumer,
    headers: ctx.headers,
    query: ctx.query,
    pathParams: match?.kind === 'found' ? match.params : {},
    body: body ? () => bodyFields(body) : undefined,
  };
}

/** A JSON object, or the fields of a form: what `body.<path>` parts read. */
function bodyFields(body: RequestBody): unknown {
  if (body.mediaType === 'application/x-www-form-urlencoded') {
    const fields: Record<string, string> = {};
    for (const [name, value] of new URLSearchParams(body.decoded.toString('utf8'))) if (!Object.hasOwn(fields, name)) fields[name] = value;
    return fields;
  }
  const parsed = body.json();
  return parsed.ok ? parsed.value : undefined;
}


function pageSizeProblem(query: string, guards: readonly PageGuard[]): { parameter: string; max: number } | undefined {
  if (query === '') return undefined;
  for (const pair of query.split('&')) {
    const equals = pair.indexOf('=');
    if (equals <= 0) continue;
    const name = decodeName(pair.slice(0, equals));
    const value = Number(pair.slice(equals + 1));
    if (!Number.isFinite(value)) continue;
    for (const guard of guards) if (value > guard.max && guard.parameters.includes(name)) return { parameter: name, max: guard.max };
  }
  return undefined;
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

function pageSizeDenial(parameter: string, max: number): Denial {
  return deny({
    status: 400, ruleId: 'ratelimit.page-size', severity: 'low', category: 'API4:2023',
    detail: `The page size asked for is too large (at most ${max}).`, problems: [{ location: `query.${parameter}`, problem: `at most ${max}` }],
    evidence: { location: `query.${parameter}`, limit: max },
  });
}

function onFinish(ctx: RequestContext, callback: () => void): void {
  (ctx.onFinish ??= []).push(callback);
}

function noteDegraded(ctx: RequestContext, result: GuardedResult, services: RateLimitServices): void {
  services.onDegraded?.(ctx.routeName, result.unavailable ? 'closed' : 'local');
  if (result.failure === undefined) return;
  ctx.events.push({
    ruleId: 'ratelimit.store-unavailable', stage: 'ratelimit', category: 'API4:2023', severity: 'medium', action: 'allowed',
    detail: `the shared rate-limit store is unavailable (${result.failure.message}); limits fall back to their onStoreFailure policy`,
  });
}

const CONCURRENCY_DENIAL: Denial = Object.freeze(deny({
  status: 429, ruleId: 'ratelimit.concurrency', severity: 'low', category: 'API4:2023',
  detail: 'Too many requests in flight; retry when one has finished.', headers: { 'retry-after': '1' },
}));
const UPSTREAM_DENIAL: Denial = Object.freeze(deny({
  status: 503, ruleId: 'ratelimit.upstream-concurrency', severity: 'low', category: 'API4:2023',
  detail: 'The service is at capacity; retry shortly.', headers: { 'retry-after': '1' },
}));
