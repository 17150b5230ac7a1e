// Where the injection checks put their payloads: one working request per operation (its first
// successful baseline, rebuilt with the optional parameters so a search term like `?q=` is there to
// inject into), the places in it that take text, and how to send a variation of it.
import type { OperationSpec } from '../../../contract/index.js';
import type { ScanContext } from '../../check.js';
import type { Exchange } from '../../exchange.js';
import type { Identity } from '../../identity.js';
import { injectionPoints, withBodyField, withParameter, type BuiltRequest, type InjectionPoint } from '../../requests/index.js';
import { isSecured, isSuccess, successes } from '../probe.js';
import { sendAs } from '../probe-send.js';

export interface InjectionTarget {
  readonly operation: OperationSpec;
  /** Undefined: sent without credentials. */
  readonly identity: Identity | undefined;
  readonly built: BuiltRequest;
  /** What `built` was answered: the comparison point for every attack. */
  readonly baseline: Exchange;
}

/** Bounds the requests per operation: a wide form gets its first few fields tried, not all. */
export const MAX_POINTS_PER_OPERATION = 6;

/**
 * Operations a scan may inject into: never DELETE, whose injected `OR 1=1` could remove every row,
 * and only methods the scan's safety mode allows.
 */
export const isInjectable = (context: ScanContext) => (operation: OperationSpec): boolean =>
  operation.method !== 'DELETE' && context.client.allows(operation.method);

/** One target per operation the exercise got a 2xx for, users before anonymous, in document order. */
export async function successfulTargets(context: ScanContext): Promise<InjectionTarget[]> {
  const seen = new Set<OperationSpec>();
  const targets: InjectionTarget[] = [];
  for (const success of successes(context, isInjectable(context))) {
    if (seen.has(success.operation)) continue;
    seen.add(success.operation);
    const plain: InjectionTarget = { operation: success.operation, identity: success.identity, built: success.built, baseline: success.exchange };
    targets.push(await withOptionalParameters(context, plain));
  }
  return targets;
}

/**
 * A target for an operation whether or not the exercise reached it (a download whose file names no
 * answer listed): its first baseline, else a request built from the document, sent now. Undefined
 * when `wanted` finds nothing to inject into, so nothing is sent for it.
 */
export async function anyTarget(context: ScanContext, operation: OperationSpec, wanted: (built: BuiltRequest) => boolean): Promise<InjectionTarget | undefined> {
  const identities = [...context.identities, undefined];
  const exercised = identities.find((identity) => context.baseline(operation, identity) !== undefined);
  const baseline = context.baseline(operation, exercised);
  if (baseline !== undefined && wanted(baseline.built)) return { operation, identity: exercised, built: baseline.built, baseline: baseline.exchange };
  // Not exercised, or only without the optional parameter that takes the file name.
  const identity = baseline !== undefined ? exercised : isSecured(operation) ? context.identities[0] : undefined;
  const built = context.requestFor(operation, identity, { includeOptional: true });
  if (!wanted(built)) return undefined;
  return { operation, identity, built, baseline: await sendVariant(context, { identity }, built) };
}

/** The target with its optional parameters filled, when the operation has any and still answers 2xx with them. */
async function withOptionalParameters(context: ScanContext, target: InjectionTarget): Promise<InjectionTarget> {
  const fuller = context.requestFor(target.operation, target.identity, { includeOptional: true });
  if (fuller.parts.parameters.length <= target.built.parts.parameters.length) return target;
  const baseline = await sendVariant(context, target, fuller);
  return isSuccess(baseline) ? { ...target, built: fuller, baseline } : target;
}

/** Path, query and body places (headers and cookies rarely reach a query or a shell), at most MAX_POINTS_PER_OPERATION. */
export function pointsOf(built: BuiltRequest, accept: (point: InjectionPoint) => boolean): InjectionPoint[] {
  return injectionPoints(built)
    .filter((point) => (point.location === 'path' || point.location === 'query' || point.location === 'body') && accept(point))
    .slice(0, MAX_POINTS_PER_OPERATION);
}

export const isTextPoint = (point: InjectionPoint): boolean => typeof point.value === 'string';

/** An integer, or the text of one (path ids are text): where `1 OR 1=1` fits without quotes. */
export const isIntegerPoint = (point: InjectionPoint): boolean =>
  (typeof point.value === 'number' && Number.isInteger(point.value)) || (typeof point.value === 'string' && /^\d{1,18}$/.test(point.value));

/** The valid value followed by `suffix`: keeps a format check that looks at the start (an email, a host) happy. */
export const appended = (point: InjectionPoint, suffix: string): string => `${typeof point.value === 'string' || typeof point.value === 'number' ? String(point.value) : ''}${suffix}`;

/**
 * The request with `value` at the point. Path and query values are percent-encoded unless
 * `shouldEncode` is false; body values keep their JSON type (an object for an operator injection).
 */
export function inject(built: BuiltRequest, point: InjectionPoint, value: unknown, shouldEncode = true): BuiltRequest {
  if (point.location === 'body') return withBodyField(built, point.name, value);
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return withParameter(built, point.location, point.name, text, { shouldEncode });
}

/** Sends a variation of the target's request as the target's identity. */
export function sendVariant(context: ScanContext, target: Pick<InjectionTarget, 'identity'>, built: BuiltRequest, timeoutMs?: number): Promise<Exchange> {
  return sendAs(context, built.request, target.identity, timeoutMs === undefined ? {} : { timeoutMs });
}

/** `body /host` or `query q`: where the payload went, for a finding's message. */
export const describePoint = (point: InjectionPoint): string => `${point.location} ${point.location === 'body' ? point.name || '(whole body)' : point.name}`;
