// The threats stage: runs the detection engine (src/detect) over every input location of the request,
// with or without an OpenAPI document, and blocks at the anomaly threshold with 403 problem+json naming
// the rules; weaker or detection-only findings are recorded as events (OWASP API8:2023, A03:2021).
import { BulwarkError } from '../../../core/errors.js';
import type { Evidence, Severity } from '../../../core/types.js';
import { ALL_DETECTION_RULES, createDetectionEngine, namesAnyRule, type EngineOptions, type Finding, type Inspection, type InspectRequest, type OperationNames, type Paranoia } from '../../../detect/index.js';
import type { RequestBody } from '../../request-body.js';
import { recordEvent, type RequestContext } from '../../request-context.js';
import type { CommonStageConfig } from '../../stage-config.js';
import { defineStage, type RuleDescription, type Stage } from '../../stage.js';
import { CONTINUE, deny, type Verdict } from '../../verdict.js';
import { threatsConfigSchema, type ThreatsConfig } from './schema.js';

const RULES = {
  attack: rule('attack', 403, 'high', 'A03:2021', 'Attack detected',
    'The anomaly score of the request reached the threshold: detection rules (listed in the problem\'s `errors` and in the event, see "Detection rules" below) matched decoded input. 403 with the rule ids.'),
  suspicious: rule('suspicious', 0, 'low', 'A03:2021', 'Suspicious input',
    'Detection rules matched but the score stayed under the threshold, or the rules are above the blocking paranoia level (`detectionParanoia`). Recorded as an `allowed` event with the findings.'),
  budget: rule('budget-exceeded', 503, 'medium', 'API4:2023', 'Inspection budget exceeded',
    'Inspecting the request took longer than `budget`; the rest was not inspected. Failure policy open (default): an `allowed` event; closed: 503.'),
} as const;

function rule(id: string, status: number, severity: Severity, category: string, title: string, description: string): RuleDescription {
  return Object.freeze({ id: `threats.${id}`, status, title, severity, category, description });
}

/** Findings kept in an event: enough to tune with, bounded so an event stays small. */
const EVENT_FINDINGS = 8;

export const threatsStage = defineStage<ThreatsConfig>({
  name: 'threats',
  description: 'Attack detection: decodes every input location and blocks injection, XSS, traversal, SSRF and other attacks by anomaly score.',
  configSchema: threatsConfigSchema,
  defaultFailurePolicy: 'open',
  enabledByDefault: true,
  rules: Object.values(RULES),
  create(config): Stage {
    const failurePolicy = (config as ThreatsConfig & CommonStageConfig).failurePolicy ?? 'open';
    const engine = createDetectionEngine(engineOptionsFor(config));
    const decide = (ctx: RequestContext, body: RequestBody | undefined): Verdict =>
      verdictFor(ctx, engine.inspect(inspectRequestOf(ctx, body), operationNamesOf(ctx)), failurePolicy);
    return {
      // Bodies are inspected together with the rest, so a score sums over the whole request.
      onRequest: (ctx) => (config.inspectBody && hasBody(ctx) ? CONTINUE : decide(ctx, undefined)),
      needsBody: (ctx) => config.inspectBody && hasBody(ctx),
      onRequestBody: (ctx, body) => decide(ctx, body),
    };
  },
});

const RULE_IDS = ALL_DETECTION_RULES.map((known) => known.id);

/** The engine settings a (validated) threats config stands for; `bulwark detect -c` uses it too. */
export function engineOptionsFor(config: ThreatsConfig): EngineOptions {
  checkConfig(config);
  return {
    blockingParanoia: config.paranoia as Paranoia,
    detectionParanoia: (config.detectionParanoia ?? config.paranoia) as Paranoia,
    threshold: config.threshold,
    budgetMs: config.budget,
    exclusions: config.exclusions,
    limits: { maxFields: config.limits.maxFields, maxFieldChars: config.limits.maxFieldLength, maxRawBytes: config.limits.maxRawBytes },
  };
}

/** What the schema cannot say: level order, and exclusions that name no rule (a typo would silently do nothing). */
function checkConfig(config: ThreatsConfig): void {
  if (config.detectionParanoia !== undefined && config.detectionParanoia < config.paranoia) {
    throw new BulwarkError('CONFIG_INVALID', `detectionParanoia (${config.detectionParanoia}) must be at least paranoia (${config.paranoia})`);
  }
  config.exclusions.forEach((exclusion, index) => {
    for (const pattern of exclusion.rules) {
      if (!namesAnyRule(pattern, RULE_IDS)) {
        throw new BulwarkError('CONFIG_INVALID', `exclusions[${index}].rules: "${pattern}" matches no detection rule (see docs/errors.md)`);
      }
    }
  });
}

function verdictFor(ctx: RequestContext, inspection: Inspection, failurePolicy: 'open' | 'closed'): Verdict {
  if (inspection.blocked) {
    const blocking = inspection.findings.filter((finding) => finding.blocking);
    const ids = [...new Set(blocking.map((finding) => finding.ruleId))];
    const top = strongest(blocking);
    return deny({
      status: 403, ruleId: RULES.attack.id, severity: top.severity, category: top.owasp,
      detail: `The request was refused: it matched attack detection rules (${ids.join(', ')}).`,
      evidence: evidenceOf(inspection, top),
      problems: blocking.map((finding) => ({ location: finding.location, problem: finding.ruleId })),
    });
  }
  if (inspection.findings.length > 0) {
    const top = strongest(inspection.findings);
    recordEvent(ctx, {
      ruleId: RULES.suspicious.id, stage: 'threats', category: top.owasp, severity: 'low', action: 'allowed',
      detail: `detection rules matched under the blocking threshold or paranoia: ${[...new Set(inspection.findings.map((finding) => finding.ruleId))].join(', ')}`,
      evidence: evidenceOf(inspection, top),
    });
  }
  if (inspection.timedOut) {
    if (failurePolicy === 'closed') {
      return deny({ status: 503, ruleId: RULES.budget.id, severity: 'medium', category: RULES.budget.category, detail: 'The request could not be inspected in time.' });
    }
    recordEvent(ctx, {
      ruleId: RULES.budget.id, stage: 'threats', category: RULES.budget.category, severity: 'medium', action: 'allowed',
      detail: `inspection stopped at the time budget after ${inspection.fieldsInspected} inputs; the rest was let through uninspected (failure policy open)`,
    });
  }
  return CONTINUE;
}

const SEVERITY_ORDER: Readonly<Record<string, number>> = { critical: 4, high: 3, medium: 2, low: 1 };

/**
 * The finding the event is about: the most severe; between equals, one whose fragment encloses the
 * other's (`${jndi:ldap://x/a}` over the `jndi:ldap://x/a` URL the SSRF detector also saw in it),
 * else the first.
 */
function strongest(findings: readonly Finding[]): Finding {
  return findings.reduce((best, finding) => {
    const rank = (SEVERITY_ORDER[finding.severity] ?? 0) - (SEVERITY_ORDER[best.severity] ?? 0);
    if (rank !== 0) return rank > 0 ? finding : best;
    return finding.fragment.length > best.fragment.length && finding.fragment.includes(best.fragment) ? finding : best;
  });
}

function evidenceOf(inspection: Inspection, top: Finding): Evidence {
  return {
    location: top.location,
    matched: top.fragment,
    rules: [...new Set(inspection.findings.map((finding) => finding.ruleId))],
    score: inspection.score,
    findings: inspection.findings.slice(0, EVENT_FINDINGS).map((finding) => ({
      rule: finding.ruleId, location: finding.location, fragment: finding.fragment, paranoia: finding.paranoia, blocking: finding.blocking,
      ...(finding.decoded ? { decoded: true } : {}),
    })),
    ...(inspection.truncated ? { truncated: true } : {}),
  };
}

function hasBody(ctx: RequestContext): boolean {
  const length = ctx.headers['content-length'];
  return (length !== undefined && length !== '0') || ctx.headers['transfer-encoding'] !== undefined;
}

function inspectRequestOf(ctx: RequestContext, body: RequestBody | undefined): InspectRequest {
  const queryAt = ctx.url.indexOf('?');
  let path = queryAt === -1 ? ctx.url : ctx.url.slice(0, queryAt);
  // Absolute-form targets (RFC 9112 §3.2.2): inspect the path, the authority is the Host's business.
  if (!path.startsWith('/')) {
    const slash = path.indexOf('/', path.indexOf('//') + 2);
    path = slash === -1 ? '/' : path.slice(slash);
  }
  const request = { method: ctx.method, path, query: ctx.query, rawHeaders: ctx.rawHeaders };
  if (body === undefined) return request;
  const contentType = ctx.headers['content-type'] ?? '';
  return { ...request, body: { mediaType: body.mediaType, contentType, bytes: body.decoded, json: () => body.json() } };
}

function operationNamesOf(ctx: RequestContext): OperationNames {
  const operation = ctx.operation;
  if (operation === undefined) return {};
  const template = `${operation.method.toUpperCase()} ${operation.pathTemplate}`;
  return operation.operationId === undefined ? { template } : { operationId: operation.operationId, template };
}
