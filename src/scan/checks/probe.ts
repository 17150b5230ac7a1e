// What most checks start from: the operations the exercise got a successful answer for, and small
// tests on answers. A check that needs a working request takes it from here rather than guessing.
import type { OperationSpec } from '../../contract/index.js';
import type { ScanContext } from '../check.js';
import type { Exchange } from '../exchange.js';
import type { Identity } from '../identity.js';
import type { BuiltRequest } from '../requests/index.js';

export interface Success {
  readonly operation: OperationSpec;
  /** Undefined: the operation answered an anonymous request. */
  readonly identity: Identity | undefined;
  readonly built: BuiltRequest;
  readonly exchange: Exchange;
}

export const isSuccess = (exchange: Exchange | undefined): boolean => {
  const status = exchange?.response?.status;
  return status !== undefined && status >= 200 && status < 300;
};

/** Every successful baseline, users before anonymous, in document order. */
export function successes(context: ScanContext, filter: (operation: OperationSpec) => boolean = () => true): Success[] {
  const found: Success[] = [];
  for (const operation of context.api.operations) {
    if (!filter(operation)) continue;
    for (const identity of [...context.identities, undefined]) {
      const baseline = context.baseline(operation, identity);
      if (baseline !== undefined && isSuccess(baseline.exchange)) found.push({ operation, identity, ...baseline });
    }
  }
  return found;
}

export { isSecured } from '../is-secured.js';

export const users = (context: ScanContext): Identity[] => context.identities.filter((identity) => identity.role === 'user');

/** Parsed JSON of an answer, undefined when it is not JSON. */
export function jsonOf(exchange: Exchange | undefined): unknown {
  const body = exchange?.response?.body;
  if (body === undefined || body === '') return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}
