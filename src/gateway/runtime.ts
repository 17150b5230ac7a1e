// Compiles a validated configuration into what the request path uses: the route table, each
// route's stage instances (created once per route, with the route's merged stage config) and its
// upstream. A reload builds a new runtime and swaps it in; requests keep the runtime they started with.
import { resolve as resolvePath } from 'node:path';
import { buildApiModel, compileContract, loadApiDocument, type CompiledContract, type LoadedDocument } from '../contract/index.js';
import { BulwarkError, isBulwarkError } from '../core/errors.js';
import { validate, type ConfigProblem } from '../core/config/load-config.js';
import type { GatewayConfig, RouteConfig } from './gateway-config.js';
import { createRouteTable, type RouteTable } from './route-table.js';
import type { Stage, StageDeps } from './stage.js';
import { mergeConfig, stageConfigSchema, type CommonStageConfig } from './stage-config.js';
import { STAGES } from './stages/registry.js';
import { identityListenerProblems } from './stages/identity/listener-problems.js';
import type { IdentityConfig } from './stages/identity/schema.js';
import type { Upstream, UpstreamRegistry } from './upstreams.js';

export interface CompiledStage {
  readonly name: string;
  readonly mode: 'enforce' | 'monitor';
  readonly failurePolicy: 'open' | 'closed';
  readonly stage: Stage;
}

export interface CompiledRoute {
  readonly name: string;
  readonly pathPrefix: string;
  readonly stripPrefix: boolean;
  readonly upstream: Upstream | undefined;
  /** Stages with a request phase, in pipeline order. */
  readonly requestStages: readonly CompiledStage[];
  /** Stages with a body phase, in pipeline order. */
  readonly bodyStages: readonly CompiledStage[];
  /** Stages with a response phase, in reverse pipeline order. */
  readonly responseStages: readonly CompiledStage[];
  /** Stages that inspect upstream response bodies, in reverse pipeline order. */
  readonly responseBodyStages: readonly CompiledStage[];
  /** The route's OpenAPI document, compiled; operations are matched against the path as forwarded. */
  readonly contract: CompiledContract | undefined;
  readonly stageConfigs: Readonly<Record<string, unknown>>;
  /**
   * Whether a streamed (unbuffered) body is cut at ctx.bodyLimit: only while the limits stage
   * enforces. Buffered bodies are always capped, because buffering costs memory.
   */
  readonly capsStreamedBody: boolean;
}

export interface GatewayRuntime {
  readonly config: GatewayConfig;
  readonly routes: readonly CompiledRoute[];
  readonly table: RouteTable<CompiledRoute>;
  /** The global stages, for answers given before a route is known (bad path, no route). */
  readonly fallback: CompiledRoute;
}

/** The OpenAPI documents a config names, already loaded (loading is asynchronous; compiling is not). */
export interface RuntimeDocuments {
  /** Directory relative document paths are resolved against: the config file's. */
  readonly baseDir: string;
  readonly loaded: ReadonlyMap<string, LoadedDocument>;
}

/** Absolute paths of every document the routes name, for loading before compileRuntime. */
export function documentPaths(config: GatewayConfig, baseDir: string): string[] {
  return [...new Set(config.routes.flatMap((route) => (route.openapi ? [resolvePath(baseDir, route.openapi.document)] : [])))];
}

/** Loads every OpenAPI document the routes name (in parallel); the first invalid one rejects. */
export async function loadRuntimeDocuments(config: GatewayConfig, baseDir: string): Promise<RuntimeDocuments> {
  const loaded = await Promise.all(documentPaths(config, baseDir).map((path) => loadApiDocument(path)));
  return { baseDir, loaded: new Map(loaded.map((document) => [document.source, document])) };
}

const NO_DOCUMENTS: RuntimeDocuments = { baseDir: process.cwd(), loaded: new Map() };

export function compileRuntime(config: GatewayConfig, deps: StageDeps, upstreams: UpstreamRegistry, documents: RuntimeDocuments = NO_DOCUMENTS): GatewayRuntime {
  const problems: ConfigProblem[] = [];
  const fallback = compileRoute(undefined, -1, config, deps, upstreams, problems);
  const contracts = new Map<string, CompiledContract>();
  const routes = config.routes.map((route, index) => {
    const contract = route.openapi ? compileRouteContract(route.openapi, `routes[${index}].openapi`, documents, contracts, problems) : undefined;
    return { ...compileRoute(route, index, config, deps, upstreams, problems), contract };
  });
  if (problems.length > 0) {
    throw new BulwarkError('CONFIG_INVALID', problems.map((p) => `${p.path} ${p.message}`).join('\n'), { details: problems });
  }
  const seen = new Set<string>();
  for (const route of routes) {
    if (seen.has(route.name)) throw new BulwarkError('CONFIG_INVALID', `routes: route name "${route.name}" is used twice`);
    seen.add(route.name);
  }
  return {
    config,
    routes,
    fallback,
    table: createRouteTable(routes, (route) => ({
      hosts: config.routes[routes.indexOf(route)]?.match.hosts ?? [],
      pathPrefix: route.pathPrefix,
    })),
  };
}

function compileRouteContract(
  openapi: NonNullable<RouteConfig['openapi']>, keyPath: string, documents: RuntimeDocuments,
  cache: Map<string, CompiledContract>, problems: ConfigProblem[],
): CompiledContract | undefined {
  const file = resolvePath(documents.baseDir, openapi.document);
  const key = JSON.stringify([file, openapi.basePaths]);
  const cached = cache.get(key);
  if (cached) return cached;
  const loaded = documents.loaded.get(file);
  if (!loaded) {
    problems.push({ path: `${keyPath}.document`, message: `${file} was not loaded` });
    return undefined;
  }
  try {
    const contract = compileContract(buildApiModel(loaded), openapi.basePaths ? { basePaths: openapi.basePaths } : {});
    cache.set(key, contract);
    return contract;
  } catch (error) {
    problems.push({ path: `${keyPath}.document`, message: (error as Error).message });
    return undefined;
  }
}

function compileRoute(
  route: RouteConfig | undefined, index: number, config: GatewayConfig,
  deps: StageDeps, upstreams: UpstreamRegistry, problems: ConfigProblem[],
): CompiledRoute {
  const globalStages = config.stages as Record<string, unknown>;
  const routePath = `routes[${index}]`;
  const compiled: CompiledStage[] = [];
  const stageConfigs: Record<string, unknown> = {};
  for (const definition of STAGES) {
    const override = (route?.stages)?.[definition.name];
    const keyPath = override === undefined ? `stages.${definition.name}` : `${routePath}.stages.${definition.name}`;
    const merged = mergeConfig(globalStages[definition.name], override);
    const found = validate(merged, stageConfigSchema(definition), keyPath);
    if (found.length > 0) {
      problems.push(...found);
      continue;
    }
    const common = merged as CommonStageConfig;
    stageConfigs[definition.name] = merged;
    if (!common.enabled || (definition.needsContract && route?.openapi === undefined)) continue;
    // A stage's factory sees only its own config; what identity needs of the listeners is checked here.
    if (definition.name === 'identity') {
      for (const problem of identityListenerProblems(merged as IdentityConfig, config.server.listeners)) {
        const path = `${keyPath}.${problem.key}`;
        // Routes without an override share the global key path: report it once.
        if (!problems.some((known) => known.path === path)) problems.push({ path, message: problem.message });
      }
    }
    try {
      compiled.push({
        name: definition.name,
        mode: common.mode,
        failurePolicy: common.failurePolicy ?? definition.defaultFailurePolicy,
        stage: definition.create(merged as never, deps),
      });
    } catch (error) {
      if (!isBulwarkError(error)) throw error;
      problems.push({ path: keyPath, message: error.message });
    }
  }
  let upstream: Upstream | undefined;
  if (route) {
    try {
      upstream = upstreams.acquire(route.upstream, `${routePath}.upstream`);
    } catch (error) {
      if (!isBulwarkError(error)) throw error;
      problems.push({ path: `${routePath}.upstream`, message: error.message });
    }
  }
  return {
    name: route?.name ?? '-',
    pathPrefix: route?.match.pathPrefix ?? '/',
    stripPrefix: route?.stripPrefix ?? false,
    upstream,
    requestStages: compiled.filter((s) => s.stage.onRequest !== undefined),
    bodyStages: compiled.filter((s) => s.stage.onRequestBody !== undefined),
    responseStages: compiled.filter((s) => s.stage.onResponse !== undefined).reverse(),
    responseBodyStages: compiled.filter((s) => s.stage.onResponseBody !== undefined).reverse(),
    contract: undefined,
    stageConfigs,
    capsStreamedBody: compiled.some((s) => s.name === 'limits' && s.mode === 'enforce'),
  };
}
