// Turns a whole-request seed (protocol attacks, benign JSON Schema / OData / SOAP / GraphQL / upload
// requests) into a draft, filling `@asset:<name>` references with the generated assets.
import type { Asset } from './assets.js';
import { jsonBody, multipartBody, textBody, type Draft, type DraftBody } from './draft.js';
import type { RequestSpec } from './seeds.js';

const ASSET_PREFIX = '@asset:';

function asset(assets: ReadonlyMap<string, Asset>, name: string): Asset {
  const found = assets.get(name);
  if (found === undefined) throw new Error(`test/corpus: unknown asset ${name}`);
  return found;
}

function assetText(assets: ReadonlyMap<string, Asset>, value: string): string {
  if (!value.startsWith(ASSET_PREFIX)) return value;
  const found = asset(assets, value.slice(ASSET_PREFIX.length));
  return found.kind === 'text' ? found.text : found.bytes.toString('base64');
}

/** JSON with every `@asset:` string replaced by the asset's text. */
function withAssets(value: unknown, assets: ReadonlyMap<string, Asset>): unknown {
  if (typeof value === 'string') return assetText(assets, value);
  if (Array.isArray(value)) return value.map((item) => withAssets(item, assets));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withAssets(item, assets)]));
  }
  return value;
}

function specBody(spec: RequestSpec, assets: ReadonlyMap<string, Asset>, variant: number): DraftBody | undefined {
  const ownType = headerValueOf(spec, 'content-type');
  if (spec.json !== undefined) return jsonBody(JSON.stringify(withAssets(spec.json, assets)), ownType ?? 'application/json');
  if (spec.text !== undefined) return textBody(spec.contentType!, spec.text);
  if (spec.form !== undefined) {
    const form = new URLSearchParams(spec.form.map(([name, value]): [string, string] => [name, assetText(assets, value)]));
    return textBody('application/x-www-form-urlencoded', form.toString());
  }
  if (spec.multipart !== undefined) {
    return multipartBody(spec.multipart.map((part) => {
      const found = part.content.startsWith(ASSET_PREFIX) ? asset(assets, part.content.slice(ASSET_PREFIX.length)) : undefined;
      const content = found === undefined ? part.content : found.kind === 'text' ? found.text : found.bytes;
      return { ...part, content };
    }), variant);
  }
  if (spec.bodyAsset !== undefined) {
    const found = asset(assets, spec.bodyAsset);
    return found.kind === 'text' ? textBody(spec.contentType!, found.text) : { contentType: spec.contentType!, bytes: found.bytes, isBinary: true };
  }
  return undefined;
}

function headerValueOf(spec: RequestSpec, name: string): string | undefined {
  const headers = spec.headers ?? [];
  for (let index = 0; index < headers.length; index += 2) {
    if (headers[index]!.toLowerCase() === name) return headers[index + 1];
  }
  return undefined;
}

export function draftFromSpec(spec: RequestSpec, assets: ReadonlyMap<string, Asset>, variant: number): Draft {
  const headers: [string, string][] = [];
  const raw = spec.headers ?? [];
  for (let index = 0; index < raw.length; index += 2) headers.push([raw[index]!, raw[index + 1]!]);
  const body = specBody(spec, assets, variant);
  return { method: spec.method, path: spec.path, query: spec.query ?? '', headers, ...(body === undefined ? {} : { body }) };
}
