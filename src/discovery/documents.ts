// The OpenAPI documents discovery compares traffic with: given as files, or the ones a gateway
// config enforces (routes[].openapi, with their basePaths), loaded once each and modelled.
import { resolve as resolvePath } from 'node:path';
import { buildApiModel, loadApiDocument, type ApiModel } from '../contract/index.js';
import type { GatewayConfig } from '../gateway/index.js';
import type { KnownTemplate } from './paths/index.js';
import { joinBasePath } from './inventory/match-template.js';

/** Loads and models each file; a document that cannot be read throws CONTRACT_DOCUMENT_INVALID naming it. */
export async function loadDocuments(files: readonly string[]): Promise<ApiModel[]> {
  const models: ApiModel[] = [];
  for (const file of files) models.push(buildApiModel(await loadApiDocument(file)));
  return models;
}

/** The documents a gateway config enforces, with the route's basePaths where it sets them; paths relative to `baseDir`. */
export async function documentsOfConfig(config: GatewayConfig, baseDir: string): Promise<ApiModel[]> {
  const models: ApiModel[] = [];
  const seen = new Set<string>();
  for (const route of config.routes) {
    if (route.openapi === undefined) continue;
    const file = resolvePath(baseDir, route.openapi.document);
    const key = JSON.stringify([file, route.openapi.basePaths]);
    if (seen.has(key)) continue;
    seen.add(key);
    const model = buildApiModel(await loadApiDocument(file));
    const basePaths = route.openapi.basePaths;
    models.push(basePaths === undefined ? model : { ...model, operations: model.operations.map((operation) => ({ ...operation, basePaths })) });
  }
  return models;
}

/** Every documented operation's full template (base path and path), for the path learner. */
export function knownTemplatesOf(models: readonly ApiModel[]): KnownTemplate[] {
  return models.flatMap((model) => model.operations.flatMap((operation) => operation.basePaths.map((base) => ({ method: operation.method, template: joinBasePath(base, operation.pathTemplate) }))));
}
