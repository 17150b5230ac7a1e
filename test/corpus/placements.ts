// Puts one value into one place of a realistic request: a query or form value, a path segment, a
// header, a cookie, a nested JSON string, a multipart field or filename, XML / SOAP text or attribute,
// a GraphQL argument or variable. Returns undefined where no client could send the value there.
import type { Encoding, Placement } from './case.js';
import { jsonBody, multipartBody, textBody, type Draft } from './draft.js';
import { escapeMinimal, graphqlEscape, headerValue, xmlEscape } from './encodings.js';
import { noisePng } from './assets.js';

export interface PlacementContext {
  /** The parameter / field name. */
  readonly field: string;
  /** Rotates templates so the corpus is not one request shape. */
  readonly variant: number;
  readonly encoding: Encoding;
  /** Attack seeds keep their `%XX` as wire bytes; benign values escape every `%`. */
  readonly keepPercentEscapes: boolean;
}

const SMALL_PNG = noisePng(8, 8, 5);
const MARKER = '"\u0000corpus-value\u0000"';

/** URL-syntax transport: fully percent-encoded values are sent as they are, others escaped minimally. */
function urlTransport(value: string, context: PlacementContext, reserved: string, spaceAsPlus: boolean): string {
  if (context.encoding === 'url' || context.encoding === 'double-url') return value;
  return escapeMinimal(value, { reserved, spaceAsPlus, keepPercentEscapes: context.keepPercentEscapes });
}

function graphqlName(field: string): string {
  return field.replace(/[^A-Za-z0-9_]/g, '_');
}

/** The JSON templates: the value nested at different depths among ordinary fields. */
function jsonTemplate(field: string, variant: number): string {
  const key = JSON.stringify(field);
  switch (variant % 3) {
    case 0: return `{"data":{"type":"comments","attributes":{${key}:${MARKER},"locale":"en-US"}},"meta":{"requestId":"9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d","client":"web"}}`;
    case 1: return `{"order":{"id":48213,"currency":"EUR","items":[{"sku":"TSHIRT-BLU-M","quantity":2,${key}:${MARKER}}]},"customer":{"id":"c-42","email":"jane@example.com"}}`;
    default: return `{"filters":{${key}:${MARKER},"status":["open","pending"]},"page":{"size":20,"number":1},"sort":"-created_at"}`;
  }
}

function xmlDocument(field: string, escaped: string, isAttribute: boolean, variant: number): Draft {
  const tag = graphqlName(field);
  const inner = isAttribute ? `<item sku="A-100" ${tag}="${escaped}" qty="2"/>` : `<${tag}>${escaped}</${tag}>`;
  if (variant % 2 === 1) {
    const text = `<?xml version="1.0" encoding="utf-8"?>\n<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><UpdateRecord xmlns="http://example.com/records"><id>42</id>${inner}</UpdateRecord></soap:Body></soap:Envelope>`;
    return { method: 'POST', path: '/services/RecordService', query: '', headers: [['SOAPAction', '"http://example.com/records/UpdateRecord"']], body: textBody('text/xml; charset=utf-8', text) };
  }
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n<record><owner>jane@example.com</owner>${inner}<created>2025-06-01</created></record>`;
  return { method: 'POST', path: '/api/v1/records', query: '', body: textBody('application/xml', text) };
}

type ValueRenderer = (value: string, context: PlacementContext) => Draft | undefined;

const RESOURCES = ['items', 'files', 'users', 'reports', 'search'];

const VALUE_RENDERERS: Partial<Record<Placement, ValueRenderer>> = {
  path: (value, context) => {
    const segment = urlTransport(value, context, '?#', false);
    const resource = RESOURCES[context.variant % RESOURCES.length]!;
    const path = context.variant % 2 === 0 ? `/api/v1/${resource}/${segment}` : `/api/v1/${resource}/${segment}/details`;
    return { method: 'GET', path, query: '' };
  },
  query: (value, context) => {
    const pair = `${context.field}=${urlTransport(value, context, '&#+', true)}`;
    const query = [`${pair}&page=2`, `lang=en&${pair}`, `${pair}&limit=20&offset=40`][context.variant % 3]!;
    return { method: 'GET', path: '/api/v1/search', query };
  },
  form: (value, context) => {
    const text = `name=Jane+Doe&${context.field}=${urlTransport(value, context, '&#+', true)}&submit=Send`;
    const contentType = context.variant % 2 === 0 ? 'application/x-www-form-urlencoded' : 'application/x-www-form-urlencoded; charset=UTF-8';
    return { method: 'POST', path: '/contact', query: '', body: textBody(contentType, text) };
  },
  cookie: (value, context) => ({ method: 'GET', path: '/account', query: '', cookiePairs: [`${context.field}=${urlTransport(value, context, ';,"\\', false)}`] }),
  'cookie-header': (value) => {
    const header = headerValue(value);
    return header === undefined ? undefined : { method: 'GET', path: '/cgi-bin/status', query: '', cookieHeader: header };
  },
  'header-user-agent': (value) => headerDraft('User-Agent', value),
  // Raw, as scanners send it: Shellshock needs the value to start with `() {`, and a Referer is any text to the server.
  'header-referer': (value) => headerDraft('Referer', value),
  'header-x-forwarded-for': (value) => headerDraft('X-Forwarded-For', value),
  'header-custom': (value) => headerDraft('X-Api-Version', value),
  json: (value, context) => ({
    method: context.variant % 2 === 0 ? 'POST' : 'PUT', path: '/api/v1/comments', query: '',
    body: jsonBody(jsonTemplate(context.field, context.variant).replace(MARKER, () => JSON.stringify(value))),
  }),
  'multipart-field': (value, context) => ({
    method: 'POST', path: '/api/v1/uploads', query: '',
    body: multipartBody([{ name: 'title', content: 'Quarterly report' }, { name: context.field, content: value }], context.variant),
  }),
  'multipart-filename': (value, context) => ({
    method: 'POST', path: '/api/v1/uploads', query: '',
    body: multipartBody([{ name: 'title', content: 'Profile picture' }, { name: 'file', filename: value, contentType: 'image/png', content: SMALL_PNG }], context.variant),
  }),
  'multipart-file': (value, context) => {
    const isSvg = value.includes('<svg');
    const part = { name: 'file', filename: isSvg ? 'avatar.svg' : 'import.xml', contentType: isSvg ? 'image/svg+xml' : 'application/xml', content: value };
    return { method: 'POST', path: '/api/v1/imports', query: '', body: multipartBody([{ name: 'kind', content: 'catalog' }, part], context.variant) };
  },
  'xml-document': (value) => {
    const isSoap = value.includes('soap:Envelope');
    return {
      method: 'POST', path: isSoap ? '/services/UserService' : '/api/v1/import', query: '',
      ...(isSoap ? { headers: [['SOAPAction', '"http://example.com/GetUser"'] as const] } : {}),
      body: textBody(isSoap ? 'text/xml; charset=utf-8' : 'application/xml', value),
    };
  },
  'xml-text': (value, context) => {
    const escaped = xmlEscape(value, false);
    return escaped === undefined ? undefined : xmlDocument(context.field, escaped, false, context.variant);
  },
  'xml-attribute': (value, context) => {
    const escaped = xmlEscape(value, true);
    return escaped === undefined ? undefined : xmlDocument(context.field, escaped, true, context.variant);
  },
  'graphql-argument': (value, context) => {
    const name = graphqlName(context.field);
    const query = context.variant % 2 === 0
      ? `query { search(${name}: "${graphqlEscape(value)}", first: 10) { edges { node { id name } } } }`
      : `mutation { addComment(postId: "42", ${name}: "${graphqlEscape(value)}") { id createdAt } }`;
    return { method: 'POST', path: '/graphql', query: '', body: jsonBody(JSON.stringify({ query })) };
  },
  'graphql-variables': (value, context) => {
    const name = graphqlName(context.field);
    const query = `query Search($${name}: String!, $first: Int) { search(${name}: $${name}, first: $first) { edges { node { id name } } } }`;
    return { method: 'POST', path: '/graphql', query: '', body: jsonBody(JSON.stringify({ operationName: 'Search', query, variables: { [name]: value, first: 10 } })) };
  },
};

function headerDraft(name: string, value: string): Draft | undefined {
  const header = headerValue(value);
  return header === undefined ? undefined : { method: 'GET', path: '/api/v1/status', query: '', headers: [[name, header]] };
}

/** The value placed, or undefined when this placement cannot carry it (a newline in a header). */
export function placeValue(placement: Placement, value: string, context: PlacementContext): Draft | undefined {
  const render = VALUE_RENDERERS[placement];
  if (render === undefined) throw new Error(`placement ${placement} does not take a value`);
  return render(value, context);
}
