// The contract stage: the OpenAPI positive security model. Requests must match a declared
// operation, carry its credentials, and have parameters and a body that fit its schemas; anything
// the document does not declare (shadow paths, extra parameters, mass-assigned properties) is a
// rule of its own with its own mode. The operation is matched by the gateway before the stages.
import type { CompiledOperation, Failure } from '../../../contract/index.js';
import { checkBody, checkParameters, locationOf, mediaFor, type BodyCheck, type BodyCheckOptions, type ParameterCheckOptions } from '../../../contract/index.js';
import { ruleModesFor, type RuleMode } from '../../../contract/index.js';
import { hasRequestBody, mediaTypeOf } from '../../request-body.js';
import type { RequestContext } from '../../request-context.js';
import type { Stage } from '../../stage.js';
import { defineStage } from '../../stage.js';
import { CONTINUE, deny, type Denial, type Verdict } from '../../verdict.js';
import { ALLOWED_REQUEST_HEADERS } from './allowed-headers.js';
import { firstDenial, judge } from './judge.js';
import { CONTRACT_RULES } from './rules.js';
import { contractConfigSchema, type ContractConfig, type ContractRule } from './schema.js';
import { credentialsPresent, schemeCredentialNames } from './security.js';

interface OperationPlan {
  readonly modes: Readonly<Record<ContractRule, RuleMode>>;
  readonly parameterOptions: ParameterCheckOptions;
}

const BODY_RULES: readonly ContractRule[] = ['body-malformed', 'body-too-large', 'body-invalid', 'mass-assignment', 'undeclared-property', 'read-only-property', 'file-type-not-allowed'];

export const contractStage = defineStage<ContractConfig>({
  name: 'contract',
  description: "enforces the route's OpenAPI document: declared operations, credentials present, parameters and bodies valid, nothing undeclared",
  configSchema: contractConfigSchema,
  // A validation bug must not become a bypass (SECURITY-BASELINE: validation errors reject).
  defaultFailurePolicy: 'closed',
  enabledByDefault: true,
  needsContract: true,
  rules: CONTRACT_RULES,
  create(config): Stage {
    const plans = new WeakMap<CompiledOperation, OperationPlan>();
    const allowedHeaders = new Set([...ALLOWED_REQUEST_HEADERS, ...config.allowedHeaders.map((h) => h.toLowerCase())]);
    const bodyOptions = (modes: Readonly<Record<ContractRule, RuleMode>>): BodyCheckOptions => ({
      maxFormFields: config.maxQueryParameters,
      xml: config.xml,
      multipart: { ...config.multipart, maxHeaderPairs: 20 },
      allowedFileTypes: config.multipart.allowedFileTypes,
      reportUndeclared: modes['undeclared-property'] !== 'off',
    });

    function planFor(op: CompiledOperation): OperationPlan {
      let plan = plans.get(op);
      if (!plan) {
        const credentials = schemeCredentialNames(op);
        plan = {
          modes: ruleModesFor(op.spec, 'contract', config.rules, config.operations),
          parameterOptions: {
            maxQueryPairs: config.maxQueryParameters,
            allowedHeaders: new Set([...allowedHeaders, ...credentials.header]),
            allowedCookies: new Set([...config.allowedCookies, ...credentials.cookie]),
            allowedQuery: new Set(credentials.query),
          },
        };
        plans.set(op, plan);
      }
      return plan;
    }

    return {
      onRequest(ctx) {
        const match = ctx.contract;
        if (!match) return CONTINUE;
        if (match.kind === 'not-found') {
          return judge(ctx, 'contract', config.rules['unknown-path'], rule('unknown-path', 404, 'The API does not declare this path.')) ?? CONTINUE;
        }
        if (match.kind === 'method-not-allowed') {
          return judge(ctx, 'contract', config.rules['method-not-allowed'], rule('method-not-allowed', 405, 'The API does not declare this method for this path.', {
            headers: { allow: match.allow.join(', ') },
          })) ?? CONTINUE;
        }
        const op = match.value;
        const { modes, parameterOptions } = planFor(op);
        if (modes['security-missing'] !== 'off' && !credentialsPresent(op, ctx)) {
          const verdict = judge(ctx, 'contract', modes['security-missing'], rule('security-missing', 401, 'The operation requires credentials and none were sent.', {
            headers: { 'www-authenticate': challengeFor(op) },
          }));
          if (verdict) return verdict;
        }
        const params = checkParameters(op, { pathParams: match.params, query: ctx.query, headers: ctx.headers }, parameterOptions);
        const verdict = firstDenial([
          () => params.failures.length > 0 ? judge(ctx, 'contract', modes['parameter-invalid'], rule('parameter-invalid', 400, 'Request parameters do not match the API contract.', { failures: params.failures })) : undefined,
          () => unknownVerdict(ctx, modes['unknown-query'], 'unknown-query', 'query', params.unknown.query),
          () => unknownVerdict(ctx, modes['unknown-header'], 'unknown-header', 'header', params.unknown.header),
          () => unknownVerdict(ctx, modes['unknown-cookie'], 'unknown-cookie', 'cookie', params.unknown.cookie),
          () => bodyHeadVerdict(ctx, op, modes),
        ]);
        return verdict ?? CONTINUE;
      },

      needsBody(ctx) {
        const op = operationOf(ctx);
        if (!op?.body) return false;
        const { modes } = planFor(op);
        return BODY_RULES.some((name) => modes[name] !== 'off') && mediaFor(op, mediaTypeOf(ctx.headers['content-type'])) !== undefined;
      },

      onRequestBody(ctx, body) {
        const op = operationOf(ctx);
        if (!op) return CONTINUE;
        const { modes } = planFor(op);
        const input = { mediaType: body.mediaType, contentType: ctx.headers['content-type'] ?? '', decoded: body.decoded, json: () => body.json() };
        const checked = checkBody(op, input, bodyOptions(modes));
        return checked instanceof Promise
          ? checked.then((result) => bodyVerdict(ctx, result, modes))
          : bodyVerdict(ctx, checked, modes);
      },
    };
  },
});

function operationOf(ctx: RequestContext): CompiledOperation | undefined {
  return ctx.contract?.kind === 'found' ? ctx.contract.value : undefined;
}

/** Body checks that need only the headers: a required body that is missing, a Content-Type not declared (415). */
function bodyHeadVerdict(ctx: RequestContext, op: CompiledOperation, modes: Readonly<Record<ContractRule, RuleMode>>): Verdict | undefined {
  if (!op.body) return undefined;
  if (!hasRequestBody(ctx.headers)) {
    return op.body.required ? judge(ctx, 'contract', modes['body-required'], rule('body-required', 400, 'The operation requires a request body.')) : undefined;
  }
  if (mediaFor(op, mediaTypeOf(ctx.headers['content-type'])) === undefined) {
    return judge(ctx, 'contract', modes['content-type-unsupported'], rule('content-type-unsupported', 415, 'The Content-Type is not one the operation accepts.', {
      failures: [{ location: 'header.content-type', problem: `must be one of: ${op.body.media.map((m) => m.range).join(', ')}`, kind: 'invalid', pointer: '' }],
    }));
  }
  return undefined;
}

function bodyVerdict(ctx: RequestContext, result: BodyCheck, modes: Readonly<Record<ContractRule, RuleMode>>): Verdict {
  switch (result.kind) {
    case 'ok':
      return CONTINUE;
    case 'missing':
      return judge(ctx, 'contract', modes['body-required'], rule('body-required', 400, 'The operation requires a request body.')) ?? CONTINUE;
    case 'unsupported-media-type':
      return judge(ctx, 'contract', modes['content-type-unsupported'], rule('content-type-unsupported', 415, 'The Content-Type is not one the operation accepts.')) ?? CONTINUE;
    case 'malformed':
      return judge(ctx, 'contract', modes['body-malformed'], rule('body-malformed', 400, `The request body could not be parsed: ${result.problem}.`)) ?? CONTINUE;
    case 'too-large':
      return judge(ctx, 'contract', modes['body-too-large'], rule('body-too-large', 413, `The request body is over a parser limit: ${result.problem}.`)) ?? CONTINUE;
    case 'file-type':
      return judge(ctx, 'contract', modes['file-type-not-allowed'], rule('file-type-not-allowed', 415, 'An uploaded file has a type the operation does not accept.', { failures: result.failures })) ?? CONTINUE;
    case 'failures':
      return firstDenial([
        () => failuresVerdict(ctx, modes['body-invalid'], 'body-invalid', 'The request body does not match the API contract.', result.failures, 'invalid'),
        () => failuresVerdict(ctx, modes['read-only-property'], 'read-only-property', 'The request body sets read-only properties.', result.failures, 'read-only'),
        () => failuresVerdict(ctx, modes['mass-assignment'], 'mass-assignment', 'The request body has properties the API does not allow.', result.failures, 'mass-assignment'),
        () => failuresVerdict(ctx, modes['undeclared-property'], 'undeclared-property', 'The request body has properties the API does not declare.', result.failures, 'undeclared'),
      ]) ?? CONTINUE;
  }
}

function failuresVerdict(ctx: RequestContext, mode: RuleMode, name: ContractRule, detail: string, failures: readonly Failure[], kind: Failure['kind']): Verdict | undefined {
  const mine = failures.filter((f) => f.kind === kind);
  return mine.length === 0 ? undefined : judge(ctx, 'contract', mode, rule(name, 422, detail, { failures: mine }));
}

function unknownVerdict(ctx: RequestContext, mode: RuleMode, name: ContractRule, location: string, names: readonly string[]): Verdict | undefined {
  if (names.length === 0 || mode === 'off') return undefined;
  // The names are the client's: locationOf truncates them and replaces control characters.
  const failures = names.slice(0, 20).map((n) => ({ location: locationOf(location, [n]), problem: 'is not declared by the operation', kind: 'invalid' as const, pointer: '' }));
  return judge(ctx, 'contract', mode, rule(name, 400, `The request has ${location} parameters the API does not declare.`, { failures }));
}

function rule(name: ContractRule, status: number, detail: string, extra: { failures?: readonly Failure[]; headers?: Record<string, string> } = {}): Denial {
  const description = CONTRACT_RULES.find((r) => r.id === `contract.${name}`)!;
  const failures = extra.failures ?? [];
  return deny({
    status,
    ruleId: description.id,
    detail,
    severity: description.severity,
    category: description.category,
    ...(failures.length > 0 ? {
      problems: failures.map((f) => ({ location: f.location, problem: f.problem })),
      evidence: { location: failures[0]!.location, matched: failures.length === 1 ? failures[0]!.problem : `${failures.length} problems` },
    } : {}),
    ...(extra.headers ? { headers: extra.headers } : {}),
  });
}

/**
 * RFC 9110 §11.6.1: a 401 names a scheme the client can use. The first alternative's: Basic or Bearer
 * for http / OAuth 2 / OpenID Connect; API keys have no registered scheme, so one names the key.
 */
function challengeFor(op: CompiledOperation): string {
  for (const name of Object.keys(op.spec.security[0] ?? {})) {
    const scheme = op.schemes[name];
    if (scheme?.type === 'http' && scheme.scheme === 'basic') return 'Basic realm="api"';
    if (scheme?.type === 'http' || scheme?.type === 'oauth2' || scheme?.type === 'openIdConnect') return 'Bearer realm="api"';
    if (scheme?.type === 'apiKey') return `ApiKey realm="api", in="${scheme.in ?? 'header'}", name="${(scheme.name ?? '').replace(/["\\\r\n]/g, '')}"`;
  }
  return 'Bearer realm="api"';
}
