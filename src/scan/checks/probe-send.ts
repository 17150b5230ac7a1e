// Sending a variation of a baseline: the same request as the same identity (or as another, or as
// nobody), with some headers or the path changed.
import type { ScanContext, ScanRequest } from '../check.js';
import type { Exchange } from '../exchange.js';
import type { Identity } from '../identity.js';

export function sendAs(context: ScanContext, request: ScanRequest, identity: Identity | undefined, changes: Partial<Pick<ScanRequest, 'path' | 'headers' | 'body' | 'method' | 'timeoutMs'>> = {}): Promise<Exchange> {
  const { identity: _ignored, ...rest } = request;
  return context.client.send({ ...rest, ...changes, ...(identity === undefined ? {} : { identity }) });
}
