// The parts of a request besides its body: the concrete path (parameter values drawn from per-API
// pools, skewed as real traffic is), the query (optional parameters sometimes, enums respected) and
// the headers with the credentials the operation's security asks for.
import type { ApiModel, OperationSpec, ParameterSpec } from '../../src/contract/index.js';
import { stringValue, numberValue, type Truth } from './field-values.js';
import { ALPHANUMERIC, DIGITS, type Random } from './random.js';
import * as values from './values.js';

type Schema = Record<string, unknown>;
const asSchema = (value: unknown): Schema => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Schema) : {});

export interface Consumer {
  readonly id: string;
  readonly userAgent: string;
  readonly jwt: string;
  readonly apiKey: string;
  readonly basic: string;
  readonly opaque: string;
}

const USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  'curl/8.7.1', 'python-requests/2.32.3', 'Go-http-client/2.0', 'okhttp/4.12.0', 'octokit-rest.js/20.1.1 octokit-core.js/5.2.0 Node.js/20',
];

export function createConsumers(random: Random, issuer: string, count: number): Consumer[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `consumer-${index}`,
    userAgent: random.pick(USER_AGENTS),
    jwt: values.jwt(random, issuer),
    apiKey: random.chars(ALPHANUMERIC, 32),
    basic: Buffer.from(`${values.handle(random)}:${values.password(random)}`).toString('base64'),
    opaque: values.githubToken(random),
  }));
}

/** Values a path parameter takes, by what its name and schema say it holds. */
function pathValueMaker(param: ParameterSpec): (random: Random) => string {
  const schema = asSchema(param.schema);
  const name = param.name.toLowerCase();
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return (random) => String(random.pick(schema.enum as unknown[]));
  if (typeof schema.pattern === 'string' && schema.pattern.includes('stable')) {
    // ReadMe's branches: `stable`, one of the project's few versions, or a version with a branch name.
    const versions = ['v1.0', 'v1.1', 'v2.0', 'v2.1', 'v3.0'];
    return (random) => random.pick([() => 'stable', () => random.pick(versions), () => `${random.pick(versions)}_${values.slug(random)}`])();
  }
  if (schema.format === 'uuid' || name.includes('uuid')) return values.uuid;
  if (schema.type === 'integer' || schema.type === 'number') {
    return name.endsWith('number') ? (random) => String(random.int(1, 4000)) : (random) => String(random.int(1000, 250_000_000));
  }
  if (['owner', 'username', 'org', 'assignee', 'template_owner', 'target_user', 'user'].includes(name)) return values.handle;
  if (name === 'repo' || name === 'template_repo') return values.repoName;
  if (['branch', 'base', 'head'].includes(name)) return values.branchName;
  if (name === 'commit_sha' || name === 'sha') return values.sha;
  if (name === 'ref') return (random) => (random.chance(0.7) ? values.sha(random) : values.branchName(random));
  if (name === 'tag') return values.tagName;
  if (name === 'name') return values.labelName;
  if (name === 'subdomain') return (random) => `${values.handle(random)}-docs`;
  if (name === 'filename') return (random) => `${values.slug(random)}.${random.pick(['json', 'yaml'])}`;
  if (name === 'api_key_id') return (random) => `rdme_${random.chars(ALPHANUMERIC, 20)}`;
  if (['slug', 'section', 'title', 'identifier'].includes(name)) return values.slug;
  return (random) => `${values.word(random)}-${random.chars(DIGITS, 4)}`;
}

const POOL_SIZE = 300;

/** Per API, each path parameter draws from a fixed pool: the same users and ids come back. */
export function createPathPools(): (param: ParameterSpec, random: Random) => string {
  const pools = new Map<string, string[]>();
  return (param, random) => {
    let pool = pools.get(param.name);
    if (pool === undefined) {
      const make = pathValueMaker(param);
      const distinct = new Set<string>();
      for (let attempt = 0; attempt < POOL_SIZE * 3 && distinct.size < POOL_SIZE; attempt++) distinct.add(make(random));
      pools.set(param.name, (pool = [...distinct]));
    }
    return pool[random.skewed(pool.length)]!;
  };
}

export function fillPath(template: string, parameters: readonly ParameterSpec[], valueOf: (param: ParameterSpec) => string): string {
  return template.replace(/\{([^{}]+)\}/g, (whole, name: string) => {
    const param = parameters.find((candidate) => candidate.in === 'path' && candidate.name === name);
    return param === undefined ? whole : encodeURIComponent(valueOf(param));
  });
}

export interface QueryPart {
  readonly name: string;
  readonly value: string;
  readonly truth: Truth;
}

function scalarText(name: string, schema: Schema, random: Random): { value: string; truth: Truth } {
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return { value: String(random.pick(schema.enum as unknown[])), truth: 'clean' };
  if (schema.type === 'boolean') return { value: String(random.chance(0.5)), truth: 'clean' };
  if (schema.type === 'integer' || schema.type === 'number') {
    const number = numberValue(name, schema, schema.type === 'integer', random);
    return { value: String(number.value), truth: number.truth };
  }
  const text = stringValue(name, '', schema, random);
  return { value: String(text.value), truth: text.truth };
}

/** Required query parameters always, optional ones half of the time; arrays as repeated names (form, explode). */
export function queryFor(operation: OperationSpec, random: Random): QueryPart[] {
  const parts: QueryPart[] = [];
  for (const param of operation.parameters) {
    if (param.in !== 'query' || (!param.required && !random.chance(0.5))) continue;
    const schema = asSchema(param.schema);
    if (schema.type === 'array') {
      const items = asSchema(schema.items);
      for (let count = random.int(1, 2); count > 0; count--) parts.push({ name: param.name, ...scalarText(param.name, items, random) });
    } else {
      parts.push({ name: param.name, ...scalarText(param.name, schema, random) });
    }
  }
  return parts;
}

/** The credential headers (or query parameters) of the operation's first security requirement. */
export function credentials(model: ApiModel, operation: OperationSpec, consumer: Consumer, random: Random): { headers: Record<string, string>; query: [string, string][] } {
  const headers: Record<string, string> = {};
  const query: [string, string][] = [];
  const requirement = operation.security[0];
  if (requirement === undefined) {
    // A public operation: most clients still send their token (GitHub's rate limits depend on it).
    if (random.chance(0.6)) headers.authorization = `token ${consumer.opaque}`;
    return { headers, query };
  }
  for (const name of Object.keys(requirement)) {
    const scheme = model.securitySchemes[name];
    if (scheme === undefined) continue;
    if (scheme.type === 'apiKey' && scheme.name !== undefined) {
      if (scheme.in === 'query') query.push([scheme.name, consumer.apiKey]);
      else if (scheme.in === 'cookie') headers.cookie = `${scheme.name}=${consumer.apiKey}`;
      else headers[scheme.name.toLowerCase()] = consumer.apiKey;
    } else if (scheme.type === 'http' && scheme.scheme?.toLowerCase() === 'basic') {
      headers.authorization = `Basic ${consumer.basic}`;
    } else {
      headers.authorization = `Bearer ${consumer.jwt}`;
    }
  }
  return { headers, query };
}
