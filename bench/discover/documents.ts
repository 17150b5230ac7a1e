// The public OpenAPI documents the traffic is generated from, loaded and modelled by the contract
// module: Swagger's Petstore, STAPI (Star Trek), Train Travel, ReadMe's API, and GitHub's REST API
// for the repos, issues, users, orgs and pulls operations.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApiModel, loadApiDocument, type ApiModel, type OperationSpec } from '../../src/contract/index.js';

export interface BenchDocument {
  readonly name: string;
  /** Each API on its own host, so the inventory separates them as a gateway would. */
  readonly host: string;
  readonly model: ApiModel;
  /** Operations traffic is generated for, with the base path they are served under. */
  readonly operations: readonly { readonly spec: OperationSpec; readonly basePath: string }[];
  /** Operations left out, with the reason. */
  readonly excluded: readonly string[];
}

const require = createRequire(import.meta.url);
const GITHUB_TAGS = new Set(['repos', 'issues', 'users', 'orgs', 'pulls']);

const SOURCES = [
  { name: 'Petstore (OpenAPI 3.0)', host: 'petstore.swagger.io', file: '@readme/oas-examples/3.0/json/petstore.json' },
  { name: 'STAPI Star Trek (3.0)', host: 'stapi.co', file: '@readme/oas-examples/3.0/json/star-trek.json' },
  { name: 'Train Travel (3.1)', host: 'api.example.com', file: '@readme/oas-examples/3.1/json/train-travel.json' },
  { name: 'ReadMe API (3.1)', host: 'api.readme.com', file: '@readme/oas-examples/3.1/json/readme.json' },
] as const;

export async function loadBenchDocuments(): Promise<BenchDocument[]> {
  const documents: BenchDocument[] = [];
  for (const source of SOURCES) {
    const model = buildApiModel(await loadApiDocument(require.resolve(source.file)));
    documents.push(select(source.name, source.host, model));
  }
  documents.push(select('GitHub REST (repos, issues, users, orgs, pulls)', 'api.github.com', await githubSubset()));
  return documents;
}

/**
 * A path parameter whose values span segments (`/contents/{path}` takes `docs/guide.md`) cannot be one
 * template segment by segment: such operations get no traffic, and are listed as excluded.
 */
const MULTI_SEGMENT = new Set(['path']);

function select(name: string, host: string, model: ApiModel): BenchDocument {
  const operations: { spec: OperationSpec; basePath: string }[] = [];
  const excluded: string[] = [];
  for (const spec of model.operations) {
    if (spec.parameters.some((param) => param.in === 'path' && MULTI_SEGMENT.has(param.name))) {
      excluded.push(`${spec.method} ${spec.pathTemplate} (a path parameter spanning segments)`);
      continue;
    }
    operations.push({ spec, basePath: spec.basePaths[0] ?? '' });
  }
  return { name, host, model, operations, excluded };
}

/** GitHub's description as published (examples included), cut to five tags. */
async function githubSubset(): Promise<ApiModel> {
  const raw = JSON.parse(readFileSync(require.resolve('@octokit/openapi/generated/api.github.com.json'), 'utf8')) as Record<string, unknown>;
  const paths = raw.paths as Record<string, Record<string, { tags?: string[] }>>;
  for (const [path, item] of Object.entries(paths)) {
    for (const method of Object.keys(item)) {
      const tags = item[method]?.tags;
      if (Array.isArray(tags) && !GITHUB_TAGS.has(tags[0] ?? '')) delete item[method];
    }
    if (!['get', 'put', 'post', 'patch', 'delete'].some((method) => method in item)) delete paths[path];
  }
  delete raw.webhooks;
  const directory = mkdtempSync(join(tmpdir(), 'bulwark-bench-discover-'));
  try {
    const file = join(directory, 'github-subset.json');
    writeFileSync(file, JSON.stringify(raw));
    return buildApiModel(await loadApiDocument(file));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
