// The ip stage: refuses clients by address (deny list) or lets in only listed ones (allow list),
// matched against ctx.clientIp as decided by server.trustedProxies. Deny wins over allow.
import type { RuleDescription, Stage } from '../../stage.js';
import { defineStage } from '../../stage.js';
import { CONTINUE, deny, type Denial } from '../../verdict.js';
import { createIpMatcher } from '../../ip-matcher.js';
import { ipConfigSchema, type IpConfig } from './schema.js';

const CATEGORY = 'API8:2023';

const RULES: readonly RuleDescription[] = [
  {
    id: 'ip.denied', status: 403, title: 'Client address denied', severity: 'medium', category: CATEGORY,
    description: 'The client address is on the deny list (stages.ip.deny).',
  },
  {
    id: 'ip.not-allowed', status: 403, title: 'Client address not allowed', severity: 'low', category: CATEGORY,
    description: 'An allow list is configured (stages.ip.allow) and the client address is not on it.',
  },
];

// Verdicts carry no per-request data, so they are built once.
const DENIED: Denial = Object.freeze(deny({
  status: 403, ruleId: 'ip.denied', severity: 'medium', category: CATEGORY,
  detail: 'The client address is not permitted.', evidence: { location: 'client-ip', matched: 'deny list' },
}));
const NOT_ALLOWED: Denial = Object.freeze(deny({
  status: 403, ruleId: 'ip.not-allowed', severity: 'low', category: CATEGORY,
  detail: 'The client address is not permitted.', evidence: { location: 'client-ip', matched: 'not on the allow list' },
}));

export const ipStage = defineStage<IpConfig>({
  name: 'ip',
  description: 'allow and deny lists of client addresses and CIDRs',
  configSchema: ipConfigSchema,
  defaultFailurePolicy: 'closed',
  enabledByDefault: true,
  rules: RULES,
  create(config): Stage {
    const allow = createIpMatcher(config.allow, 'allow');
    const denyList = createIpMatcher(config.deny, 'deny');
    if (allow.size === 0 && denyList.size === 0) return {}; // nothing configured: no per-request work
    return {
      onRequest(ctx) {
        if (denyList.size > 0 && denyList.matches(ctx.clientIp)) return DENIED;
        if (allow.size > 0 && !allow.matches(ctx.clientIp)) return NOT_ALLOWED;
        return CONTINUE;
      },
    };
  },
});
