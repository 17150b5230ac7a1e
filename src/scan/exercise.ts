// Before the checks, the scan uses the API as its identities would: each creates what it can (POST
// to collections, then to the resources it created), then reads (every GET with the ids it owns).
// The answers are the baselines checks compare attacks with, and the ids fill the resource pool.
import type { ApiModel, OperationSpec } from '../contract/index.js';
import type { Baseline, ScanClient } from './check.js';
import type { Exchange } from './exchange.js';
import type { Identity } from './identity.js';
import { buildRequest, type BuildOptions, type BuiltRequest } from './requests/index.js';
import { createResourcePool, type ResourcePool } from './resource-pool.js';

export interface Exercise {
  readonly resources: ResourcePool;
  readonly requestFor: (operation: OperationSpec, owner?: Identity, options?: BuildOptions) => BuiltRequest;
  readonly baseline: (operation: OperationSpec, identity?: Identity) => Baseline | undefined;
  /** Sends a request for the operation as the identity, learning ids from the answer. */
  send(operation: OperationSpec, built: BuiltRequest, identity: Identity | undefined): Promise<Exchange>;
  /** The exercise itself: creations, then reads, for every identity. */
  run(): Promise<void>;
}

const keyOf = (operation: OperationSpec, identity: Identity | undefined): string => `${operation.method} ${operation.pathTemplate} ${identity?.name ?? ''}`;
const depthOf = (operation: OperationSpec): number => operation.pathTemplate.split('/').filter((segment) => segment.startsWith('{')).length;

export function createExercise(api: ApiModel, client: ScanClient, identities: readonly Identity[]): Exercise {
  const resources = createResourcePool(api.operations);
  const baselines = new Map<string, Baseline>();

  const requestFor = (operation: OperationSpec, owner?: Identity, options: BuildOptions = {}): BuiltRequest =>
    buildRequest(operation, { ...options, pathValues: { ...resources.pathValues(operation, owner), ...options.pathValues } });

  async function send(operation: OperationSpec, built: BuiltRequest, identity: Identity | undefined): Promise<Exchange> {
    const exchange = await client.send(identity === undefined ? built.request : { ...built.request, identity });
    resources.learn(operation, identity, exchange);
    return exchange;
  }

  async function exercise(operation: OperationSpec, identity: Identity | undefined): Promise<void> {
    if (!client.allows(operation.method) || !resources.covers(operation, identity)) return;
    const built = requestFor(operation, identity);
    baselines.set(keyOf(operation, identity), { built, exchange: await send(operation, built, identity) });
  }

  async function run(): Promise<void> {
    // Shallow creations first, so nested ones find their parents' ids; anonymous last (public operations).
    const creations = api.operations.filter((operation) => operation.method === 'POST').sort((a, b) => depthOf(a) - depthOf(b));
    const reads = api.operations.filter((operation) => operation.method === 'GET').sort((a, b) => depthOf(a) - depthOf(b));
    const actors: (Identity | undefined)[] = [...identities, undefined];
    for (const operation of creations) for (const identity of identities) await exercise(operation, identity);
    for (const operation of reads) for (const identity of actors) await exercise(operation, identity);
  }

  return { resources, requestFor, baseline: (operation, identity) => baselines.get(keyOf(operation, identity)), send, run };
}
