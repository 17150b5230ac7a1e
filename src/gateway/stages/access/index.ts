// The access stage: what the caller may do. Scopes the OpenAPI document requires (oauth2 /
// openIdConnect), policies that grant operations to consumers, roles, groups or scopes, admin
// operations that always need a grant, an optional default deny, and object-level rules that tie a
// request value (a path id, a tenant header, a body field) to the caller's claims, against broken
// object level authorization (OWASP API1:2023). Declarative; nothing is evaluated as code.
import type { CompiledOperation } from '../../../contract/index.js';
import type { Consumer } from '../../../core/types.js';
import { BulwarkError } from '../../../core/errors.js';
import { scalarText } from '../../../core/request-values.js';
import type { RequestBody } from '../../request-body.js';
import type { RequestContext } from '../../request-context.js';
import type { RuleDescription, Stage } from '../../stage.js';
import { defineStage } from '../../stage.js';
import { CONTINUE, deny, type Denial, type Verdict } from '../../verdict.js';
import { policyApplies, type PolicyAudience } from './policy-match.js';
import { compileOperationPattern, isOperationPattern, operationRefOf, type OperationPattern, type OperationRef } from './operation-pattern.js';
import { accessConfigSchema, type AccessConfig } from './schema.js';
import { readValue, type ValueSources } from './value-ref.js';

const RULES: readonly RuleDescription[] = [
  { id: 'access.unauthenticated', status: 401, title: 'Not authenticated', severity: 'low', category: 'API5:2023', description: 'The operation needs a grant or scopes and the request has no authenticated consumer (the identity stage is off, or let it through as public).' },
  { id: 'access.insufficient-scope', status: 403, title: 'Insufficient scope', severity: 'medium', category: 'API5:2023', description: 'The consumer lacks the scopes the operation\'s OpenAPI security requirement names (every alternative checked). `WWW-Authenticate: Bearer error="insufficient_scope"` with the scopes needed (RFC 6750 §3.1).' },
  { id: 'access.denied', status: 403, title: 'Operation not granted', severity: 'medium', category: 'API5:2023', description: 'No policy grants this operation to the consumer, and the operation is an admin operation or the default policy is deny (broken function level authorization).' },
  { id: 'access.object-denied', status: 403, title: 'Object not owned', severity: 'high', category: 'API1:2023', description: 'An object-level rule failed: a request value (path parameter, query, header or body field) does not equal, or is not in, the consumer\'s claim it is tied to (broken object level authorization).' },
];

interface CompiledPolicy extends PolicyAudience {
  /** The policy's name, or `policies[i]`: how usage and the access report refer to it. */
  readonly label: string;
  readonly allow: readonly OperationPattern[];
}

interface CompiledObjectRule {
  readonly name: string;
  readonly operations: readonly OperationPattern[];
  readonly require: AccessConfig['objectRules'][number]['require'];
  readonly needsBody: boolean;
}

export const accessStage = defineStage<AccessConfig>({
  name: 'access',
  description: 'authorizes callers: OpenAPI scopes, policies over operations, admin operations, default deny, object-level rules',
  configSchema: accessConfigSchema,
  // Authorization fails closed (SECURITY-BASELINE).
  defaultFailurePolicy: 'closed',
  enabledByDefault: true,
  rules: RULES,
  create(config, deps): Stage {
    for (const pattern of [...config.policies.flatMap((p) => p.allow), ...config.adminOperations, ...config.objectRules.flatMap((r) => r.operations)]) {
      if (!isOperationPattern(pattern)) throw new BulwarkError('CONFIG_INVALID', `"${pattern}" is not an operation pattern ('METHOD /path' or an operationId)`);
    }
    for (const rule of config.objectRules) {
      for (const requirement of rule.require) {
        if ((requirement.equals === undefined) === (requirement.in === undefined)) {
          throw new BulwarkError('CONFIG_INVALID', `objectRules "${rule.name}": each requirement needs exactly one of equals / in`);
        }
      }
    }
    const policies: CompiledPolicy[] = config.policies.map((p, index) => ({
      label: p.name ?? `policies[${index}]`, anyone: p.anyone, consumers: new Set(p.consumers), roles: p.roles, groups: p.groups, scopes: p.scopes, allow: p.allow.map(compileOperationPattern),
    }));
    const admin = config.adminOperations.map(compileOperationPattern);
    const objectRules: CompiledObjectRule[] = config.objectRules.map((rule) => ({
      name: rule.name, operations: rule.operations.map(compileOperationPattern), require: rule.require,
      needsBody: rule.require.some((r) => [r.value, r.equals, r.in].some((ref) => ref?.startsWith('body.'))),
    }));
    const isEmpty = config.defaultPolicy === 'allow' && !config.enforceScopes && policies.length === 0 && admin.length === 0 && objectRules.length === 0;
    if (isEmpty) return {};

    const rulesFor = (ref: OperationRef): CompiledObjectRule[] => objectRules.filter((rule) => rule.operations.some((matches) => matches(ref)));

    return {
      onRequest(ctx) {
        const ref = operationRefOf(ctx);
        const operation = ctx.contract?.kind === 'found' ? ctx.contract.value : undefined;
        const consumer = ctx.consumer;
        // What this use needed, for the usage counts behind `bulwark access report`.
        const note = (allowed: boolean, scopesUsed?: readonly string[], policy?: string): void => {
          if (!consumer || !deps.usage) return;
          deps.usage.record({
            consumer, route: ctx.routeName, operation: operation ? `${ref.method} ${ref.path}` : `${ctx.method} *`,
            ...(ref.operationId === undefined ? {} : { operationId: ref.operationId }),
            allowed, ...(scopesUsed ? { scopesUsed } : {}), ...(policy === undefined ? {} : { policy }),
          });
        };
        let scopesUsed: readonly string[] | undefined;
        if (config.enforceScopes && operation && consumer) {
          const scopes = scopeCheck(operation, consumer);
          if (!scopes.met) {
            note(false);
            return insufficientScope(scopes.scopes);
          }
          scopesUsed = scopes.scopes;
        }
        let policy: string | undefined;
        const isAdmin = admin.some((matches) => matches(ref));
        if (isAdmin || config.defaultPolicy === 'deny') {
          policy = policies.find((p) => p.allow.some((matches) => matches(ref)) && policyApplies(p, consumer))?.label;
          if (policy === undefined) {
            note(false);
            return consumer ? DENIED : UNAUTHENTICATED;
          }
        }
        const verdict = checkObjectRules(rulesFor(ref).filter((rule) => !rule.needsBody), sourcesOf(ctx, undefined));
        note(verdict.action === 'continue', scopesUsed, policy);
        return verdict;
      },
      needsBody: (ctx) => rulesFor(operationRefOf(ctx)).some((rule) => rule.needsBody),
      onRequestBody(ctx, body) {
        return checkObjectRules(rulesFor(operationRefOf(ctx)).filter((rule) => rule.needsBody), sourcesOf(ctx, body));
      },
    };
  },
});


/**
 * OpenAPI: alternatives are OR-ed; within one, every oauth2 / openIdConnect scheme's scopes are
 * needed. Met: the scopes of the first alternative the consumer satisfies. Not met: those of the
 * closest alternative, for the challenge.
 */
function scopeCheck(operation: CompiledOperation, consumer: Consumer): { met: boolean; scopes: readonly string[] } {
  let closest: { needed: string[]; missing: number } | undefined;
  for (const requirement of operation.spec.security) {
    const needed: string[] = [];
    for (const [name, scopes] of Object.entries(requirement)) {
      const type = operation.schemes[name]?.type;
      if (type === 'oauth2' || type === 'openIdConnect') needed.push(...scopes);
    }
    const missing = needed.filter((scope) => !consumer.scopes.includes(scope)).length;
    if (missing === 0) return { met: true, scopes: needed };
    if (!closest || missing < closest.missing) closest = { needed, missing };
  }
  return closest ? { met: false, scopes: closest.needed } : { met: true, scopes: [] };
}

function sourcesOf(ctx: RequestContext, body: RequestBody | undefined): ValueSources {
  const match = ctx.contract;
  return {
    path: match?.kind === 'found' ? match.params : {},
    query: ctx.query,
    headers: ctx.headers,
    body: body ? () => body.json() : undefined,
    consumer: ctx.consumer,
  };
}

function checkObjectRules(rules: readonly CompiledObjectRule[], sources: ValueSources): Verdict {
  for (const rule of rules) {
    for (const requirement of rule.require) {
      const value = readValue(requirement.value, sources);
      const target = readValue((requirement.equals ?? requirement.in)!, sources);
      // Only scalars compare: two objects would both read "[object Object]" and look equal.
      const scalar = scalarText(value);
      const ok = requirement.equals !== undefined
        ? scalar !== undefined && scalar === scalarText(target)
        : scalar !== undefined && Array.isArray(target) && target.some((item) => scalarText(item) === scalar);
      if (!ok) return objectDenied(rule.name, requirement.value);
    }
  }
  return CONTINUE;
}

const UNAUTHENTICATED: Denial = Object.freeze(deny({
  status: 401, ruleId: 'access.unauthenticated', severity: 'low', category: 'API5:2023',
  detail: 'This operation requires an authenticated caller.', headers: { 'www-authenticate': 'Bearer realm="api"' },
}));
const DENIED: Denial = Object.freeze(deny({
  status: 403, ruleId: 'access.denied', severity: 'medium', category: 'API5:2023', detail: 'The caller is not granted this operation.',
}));

function insufficientScope(scopes: readonly string[]): Denial {
  // Scope tokens are %x21 / %x23-5B / %x5D-7E (RFC 6749 §3.3): no quote or backslash can break the header.
  const listed = scopes.filter((scope) => /^[\x21\x23-\x5b\x5d-\x7e]+$/.test(scope)).join(' ');
  return deny({
    status: 403, ruleId: 'access.insufficient-scope', severity: 'medium', category: 'API5:2023',
    detail: 'The token lacks the scopes this operation requires.', evidence: { matched: listed },
    headers: { 'www-authenticate': `Bearer realm="api", error="insufficient_scope", scope="${listed}"` },
  });
}

function objectDenied(rule: string, value: string): Denial {
  return deny({
    status: 403, ruleId: 'access.object-denied', severity: 'high', category: 'API1:2023',
    detail: 'The caller may not access this object.', evidence: { location: value, matched: rule },
  });
}
