// The contract-response stage: upstream answers must use a declared status and Content-Type and
// match the response schema; properties the schema does not declare (excessive data exposure,
// OWASP API3:2023) and writeOnly ones (passwords) are reported, and stripped when configured.
// Monitor by default: an upstream that drifts from its document should not go dark on deploy.
import type { CompiledOperation, Failure } from '../../../contract/index.js';
import { checkResponseHead, checkResponseValue, isCheckableResponse, stripFailures } from '../../../contract/index.js';
import { ruleModesFor, type RuleMode } from '../../../contract/index.js';
import { mediaTypeOf as mediaTypeOfHeader } from '../../request-body.js';
import type { RequestContext, ResponseHead } from '../../request-context.js';
import type { RuleDescription, Stage } from '../../stage.js';
import { defineStage } from '../../stage.js';
import { CONTINUE, deny, type Denial, type Verdict } from '../../verdict.js';
import { firstDenial, judge } from '../contract/judge.js';
import { contractResponseConfigSchema, type ContractResponseConfig, type ResponseRule } from './schema.js';

const STAGE = 'contract-response';

const RULES: readonly RuleDescription[] = [
  { id: 'contract-response.status-undeclared', status: 502, title: 'Undeclared response status', severity: 'low', category: 'API8:2023', description: 'The upstream answered with a status the operation does not declare (nor its nXX range or default).' },
  { id: 'contract-response.content-type-undeclared', status: 502, title: 'Undeclared response media type', severity: 'low', category: 'API8:2023', description: 'The response Content-Type is not one declared for its status.' },
  { id: 'contract-response.body-invalid', status: 502, title: 'Response does not match the schema', severity: 'medium', category: 'API8:2023', description: 'The JSON response body is not valid JSON or breaks the response schema.' },
  { id: 'contract-response.undeclared-property', status: 502, title: 'Excessive data exposure', severity: 'high', category: 'API3:2023', description: 'The response has properties its schema does not declare; with strip.undeclared they are removed (the event is then `blocked`) and the response is sent.' },
  { id: 'contract-response.write-only-property', status: 502, title: 'Write-only property returned', severity: 'high', category: 'API3:2023', description: 'The response has a property the schema marks writeOnly (a password, a secret); with strip.writeOnly it is removed.' },
];

/** Strip, re-check, repeat: failures are capped per validation, a leak is not. Bounded passes. */
const MAX_STRIP_PASSES = 50;

export const contractResponseStage = defineStage<ContractResponseConfig>({
  name: STAGE,
  description: 'checks upstream responses against the OpenAPI document: declared status and media type, schema, no undeclared or writeOnly properties',
  configSchema: contractResponseConfigSchema,
  // A checker bug should not take the API down; responses are already the upstream's.
  defaultFailurePolicy: 'open',
  defaultMode: 'monitor',
  enabledByDefault: true,
  needsContract: true,
  rules: RULES,
  create(config): Stage {
    const modesOf = new WeakMap<CompiledOperation, Readonly<Record<ResponseRule, RuleMode>>>();
    const modesFor = (op: CompiledOperation): Readonly<Record<ResponseRule, RuleMode>> => {
      let modes = modesOf.get(op);
      if (!modes) modesOf.set(op, modes = ruleModesFor(op.spec, STAGE, config.rules, config.operations));
      return modes;
    };
    const wantsBody = (modes: Readonly<Record<ResponseRule, RuleMode>>): boolean => modes['body-invalid'] !== 'off'
      || modes['undeclared-property'] !== 'off' || modes['write-only-property'] !== 'off' || config.strip.undeclared || config.strip.writeOnly;

    return {
      onResponse(ctx, head) {
        const op = upstreamOperation(ctx, head);
        if (!op) return CONTINUE;
        const modes = modesFor(op);
        const checked = checkResponseHead(op, head.status, mediaTypeOf(head), hasBody(ctx, head));
        if (checked.kind === 'status-undeclared') {
          return judge(ctx, STAGE, modes['status-undeclared'], rule('status-undeclared', `The upstream answered with status ${head.status}, which the API does not declare.`, 'status')) ?? CONTINUE;
        }
        if (checked.kind === 'content-type-undeclared') {
          return judge(ctx, STAGE, modes['content-type-undeclared'], rule('content-type-undeclared', 'The upstream answered with a Content-Type the API does not declare for this status.', 'header.content-type')) ?? CONTINUE;
        }
        return CONTINUE;
      },

      responseBodyLimit(ctx, head) {
        const op = upstreamOperation(ctx, head);
        if (!op || !wantsBody(modesFor(op))) return 0;
        const mediaType = mediaTypeOf(head);
        const checked = checkResponseHead(op, head.status, mediaType, true);
        return checked.kind === 'ok' && isCheckableResponse(checked.media, mediaType) ? config.maxBodyBytes : 0;
      },

      onResponseBody(ctx, head, body) {
        const op = upstreamOperation(ctx, head);
        const checked = op ? checkResponseHead(op, head.status, body.mediaType, true) : undefined;
        if (!op || checked?.kind !== 'ok' || !isCheckableResponse(checked.media, body.mediaType)) return CONTINUE;
        const modes = modesFor(op);
        let value: unknown;
        try {
          value = JSON.parse(body.bytes.toString('utf8'));
        } catch {
          return judge(ctx, STAGE, modes['body-invalid'], rule('body-invalid', 'The upstream response body is not valid JSON.', 'body')) ?? CONTINUE;
        }
        const media = checked.media;
        const reportUndeclared = modes['undeclared-property'] !== 'off' || config.strip.undeclared;
        let failures = checkResponseValue(media, value, reportUndeclared);
        const stripped = { undeclared: 0, writeOnly: 0 };
        for (let pass = 0; pass < MAX_STRIP_PASSES; pass++) {
          const strippable = failures.filter((f) => (f.kind === 'undeclared' && config.strip.undeclared) || (f.kind === 'write-only' && config.strip.writeOnly));
          if (strippable.length === 0) break;
          stripped.undeclared += stripFailures(value, strippable.filter((f) => f.kind === 'undeclared'));
          stripped.writeOnly += stripFailures(value, strippable.filter((f) => f.kind === 'write-only'));
          failures = checkResponseValue(media, value, reportUndeclared);
        }
        if (stripped.undeclared + stripped.writeOnly > 0) {
          body.replace(Buffer.from(JSON.stringify(value)));
          recordStripped(ctx, 'undeclared-property', stripped.undeclared);
          recordStripped(ctx, 'write-only-property', stripped.writeOnly);
        }
        return firstDenial([
          () => failuresVerdict(ctx, modes['body-invalid'], 'body-invalid', 'The upstream response body does not match the API contract.', failures, 'invalid'),
          () => failuresVerdict(ctx, modes['write-only-property'], 'write-only-property', 'The upstream response contains write-only properties.', failures, 'write-only'),
          () => failuresVerdict(ctx, modes['undeclared-property'], 'undeclared-property', 'The upstream response contains properties the API does not declare.', failures, 'undeclared'),
        ]) ?? CONTINUE;
      },
    };
  },
});

/** The matched operation, for upstream answers only (the gateway's own answers are not the API's). */
function upstreamOperation(ctx: RequestContext, head: ResponseHead): CompiledOperation | undefined {
  return !head.isLocal && ctx.contract?.kind === 'found' ? ctx.contract.value : undefined;
}

function failuresVerdict(ctx: RequestContext, mode: RuleMode, name: ResponseRule, detail: string, failures: readonly Failure[], kind: Failure['kind']): Verdict | undefined {
  const mine = failures.filter((f) => f.kind === kind);
  if (mine.length === 0) return undefined;
  const matched = mine.length === 1 ? mine[0]!.problem : `${mine.length} problems`;
  return judge(ctx, STAGE, mode, rule(name, detail, mine[0]!.location, matched));
}

function recordStripped(ctx: RequestContext, name: ResponseRule, count: number): void {
  if (count === 0) return;
  const description = RULES.find((r) => r.id === `${STAGE}.${name}`)!;
  ctx.events.push({
    ruleId: description.id, stage: STAGE, category: description.category, severity: description.severity, action: 'blocked',
    detail: `${count} ${name === 'write-only-property' ? 'write-only' : 'undeclared'} propert${count === 1 ? 'y was' : 'ies were'} removed from the response`,
  });
}

/** The client gets a plain 502: where the upstream's answer broke its contract is for the event, not the client. */
function rule(name: ResponseRule, detail: string, location: string, matched?: string): Denial {
  const description = RULES.find((r) => r.id === `${STAGE}.${name}`)!;
  return deny({
    status: 502,
    ruleId: description.id,
    detail,
    severity: description.severity,
    category: description.category,
    evidence: { location, ...(matched === undefined ? {} : { matched }) },
  });
}

function hasBody(ctx: RequestContext, head: ResponseHead): boolean {
  if (ctx.method === 'HEAD' || head.status === 204 || head.status === 304) return false;
  return head.headers['content-length'] !== '0';
}

function mediaTypeOf(head: ResponseHead): string {
  const raw = head.headers['content-type'];
  return mediaTypeOfHeader(Array.isArray(raw) ? raw[0] : raw);
}
