// Injection: NoSQL operator injection (CWE-943, OWASP WSTG-INPV-05.6). A JSON body whose string
// values go into a document query as they are lets `{"$ne": null}` match whatever is stored: a
// request refused with ordinary wrong values (a login) succeeds once they are operators.
import type { ScanCheck, ScanContext } from '../../check.js';
import type { Exchange } from '../../exchange.js';
import type { BuiltRequest, InjectionPoint } from '../../requests/index.js';
import { isSuccess, jsonOf } from '../probe.js';
import { describePoint, inject, isInjectable, isTextPoint, pointsOf, sendVariant, type InjectionTarget } from './injection-targets.js';

/** MongoDB's syntax, also honoured by Mongoose, CouchDB's Mango and most document-store wrappers. */
const OPERATORS: readonly unknown[] = [{ $ne: null }, { $gt: '' }];

/** A refusal that says "no match" rather than "slow down" or "too big": what an operator could turn around. */
const isRefusal = (exchange: Exchange): boolean => {
  const status = exchange.response?.status;
  return status !== undefined && status >= 400 && status < 500 && ![413, 415, 429].includes(status);
};

/** Per JSON-body operation, the first baseline it refused: the same request with wrong string values. */
function refusedTargets(context: ScanContext): InjectionTarget[] {
  const targets: InjectionTarget[] = [];
  for (const operation of context.api.operations.filter(isInjectable(context))) {
    for (const identity of [...context.identities, undefined]) {
      const baseline = context.baseline(operation, identity);
      if (baseline === undefined || baseline.built.mediaType?.includes('json') !== true || !isRefusal(baseline.exchange)) continue;
      targets.push({ operation, identity, built: baseline.built, baseline: baseline.exchange });
      break;
    }
  }
  return targets;
}

interface Variant {
  readonly built: BuiltRequest;
  readonly description: string;
}

/** Every string field at once first (a login needs both the user and the password matched), then each alone. */
function variantsOf(target: InjectionTarget): Variant[] {
  const points = pointsOf(target.built, (point) => point.location === 'body' && isTextPoint(point));
  if (points.length === 0) return [];
  const all = (operator: unknown): Variant => ({
    built: points.reduce((built, point: InjectionPoint) => inject(built, point, operator), target.built),
    description: `every string field of the body (${points.map((point) => point.name).join(', ')}) replaced by ${JSON.stringify(operator)}`,
  });
  const singles = points.length > 1 ? points.map((point) => ({ built: inject(target.built, point, OPERATORS[0]), description: `${describePoint(point)} replaced by ${JSON.stringify(OPERATORS[0])}` })) : [];
  return [...OPERATORS.map(all), ...singles];
}

const TOKEN_KEY = /token|jwt|session/i;
/** Cookie names that carry a session, not a load balancer's stickiness or a preference. */
const SESSION_COOKIE = /sess|sid|auth|token|jwt/i;

/** Session tokens in the answer: long strings under token-like keys (top level or one down), and session cookies. */
function tokensIn(exchange: Exchange): string[] {
  const found: string[] = [];
  const walk = (value: unknown, depth: number): void => {
    if (typeof value !== 'object' || value === null) return;
    for (const [key, child] of Object.entries(value)) {
      if (TOKEN_KEY.test(key) && typeof child === 'string' && child.length >= 16) found.push(child);
      else if (depth > 0) walk(child, depth - 1);
    }
  };
  walk(jsonOf(exchange), 1);
  const cookies = exchange.response?.headers['set-cookie'];
  return cookies === undefined ? found : [...found, ...cookies.split('\n').filter((cookie) => SESSION_COOKIE.test(cookie.split('=', 1)[0] ?? ''))];
}

/**
 * The answer with the session it handed out removed: a live token for somebody else's account has
 * no place in a report that is shared; its presence is the proof, and the message says so.
 */
function withoutTokens(exchange: Exchange, tokens: readonly string[]): Exchange {
  const { response } = exchange;
  if (response === undefined || tokens.length === 0) return exchange;
  const redact = (text: string): string => tokens.reduce((result, token) => result.replaceAll(token, `[session token removed by bulwark: ${String(token.length)} characters]`), text);
  const headers = response.headers['set-cookie'] === undefined ? response.headers : { ...response.headers, 'set-cookie': redact(response.headers['set-cookie']) };
  return { ...exchange, response: { ...response, headers, body: redact(response.body) } };
}

async function probe(context: ScanContext, target: InjectionTarget): Promise<void> {
  for (const variant of variantsOf(target)) {
    const attack = await sendVariant(context, target, variant.built);
    if (!isSuccess(attack)) continue;
    // Sent again now: the wrong values must still be refused, or something else changed (the account was created meanwhile).
    const control = await sendVariant(context, target, target.built);
    if (!isRefusal(control)) return;
    const tokens = tokensIn(attack);
    const isProven = tokens.length > 0 || control.response?.status === 401 || control.response?.status === 403;
    context.report({
      operation: target.operation,
      message: `NoSQL operator injection: with ${variant.description} the request was accepted (${String(attack.response?.status)}${tokens.length > 0 ? ', with a session token' : ''}); with string values it is refused (${String(control.response?.status)}).`,
      evidence: [target.baseline, withoutTokens(attack, tokens), control],
      confidence: isProven ? 'confirmed' : 'tentative',
    });
    return;
  }
}

export const nosqlInjection: ScanCheck = {
  id: 'injection.nosql',
  category: 'INJECTION',
  title: 'NoSQL operator injection',
  severity: 'critical',
  remediation: 'Validate the body against the documented schema before it reaches the database (a string field must be a string), and build queries from typed values only — e.g. cast with String() or use the driver\'s sanitizeFilter / $eq.',
  async run(context) {
    for (const target of refusedTargets(context)) await probe(context, target);
  },
};
