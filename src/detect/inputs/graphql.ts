// GraphQL requests (GraphQL over HTTP): the query is parsed with the reference parser and only its free
// text is inspected (string literals, located by field and argument, and comments); the query syntax
// itself (`{ user(id: 1) { name } }`) would trip other detectors. Variables are walked as JSON.
import { Kind, TokenKind, parse, type ArgumentNode, type DirectiveNode, type DocumentNode, type SelectionSetNode, type ValueNode } from 'graphql';
import type { FieldKind } from '../field.js';
import { percentDecodeOnce } from '../normalize/index.js';
import { addField, type FieldSink } from './field-sink.js';
import { keySegment, walkJson } from './json.js';

/** Bounds the parser's work on a hostile document (graphql-js counts tokens, comments aside). */
const MAX_TOKENS = 10_000;
/** Keys of a GraphQL-over-HTTP request object handled here rather than as plain JSON. */
const PROTOCOL_KEYS = new Set(['query', 'variables', 'operationName']);

/** The parsed document, or undefined when `text` is not GraphQL (or too big to parse). */
export function parseGraphql(text: string): DocumentNode | undefined {
  try {
    return parse(text, { maxTokens: MAX_TOKENS });
  } catch {
    // Syntax errors, the token limit and stack exhaustion on absurd nesting alike: not a document we read.
    return undefined;
  }
}

/**
 * A JSON body `{ query, variables?, operationName? }` or a batch (an array of them, as Apollo sends).
 * Returns false when it is not one (or its query does not parse), and the body is then plain JSON.
 */
export function extractGraphqlJson(sink: FieldSink, body: unknown): boolean {
  if (Array.isArray(body)) {
    if (body.length === 0 || !body.every(hasStringQuery)) return false;
    for (const [index, request] of body.entries()) {
      if (sink.isFull) break;
      extractGraphqlRequest(sink, request, `body.graphql[${index}]`, `body.$[${index}]`, parseGraphql(request.query));
    }
    return true;
  }
  if (!hasStringQuery(body)) return false;
  const document = parseGraphql(body.query);
  if (document === undefined) return false;
  extractGraphqlRequest(sink, body, 'body.graphql', 'body.$', document);
  return true;
}

/** An `application/graphql` body: the document itself. False when it does not parse. */
export function extractGraphqlBody(sink: FieldSink, text: string): boolean {
  const document = parseGraphql(text);
  if (document !== undefined) extractDocument(sink, document, 'body', 'body.graphql.query');
  return document !== undefined;
}

/**
 * `?query=` of a GET request, when it is meant as GraphQL: on a `/graphql` path, or a value that opens
 * like an operation. True when it parsed and its text was extracted (the raw value is then not a field).
 */
export function extractGraphqlQueryParameter(sink: FieldSink, rawValue: string, path: string): boolean {
  const text = percentDecodeOnce(rawValue, true);
  if (!isGraphqlPath(path) && !opensLikeOperation(text)) return false;
  const document = parseGraphql(text);
  if (document !== undefined) extractDocument(sink, document, 'query', 'query.graphql.query');
  return document !== undefined;
}

/** A GraphQL-over-HTTP request object: the other keys are JSON. */
type GraphqlRequest = Record<string, unknown> & { query: string };

function extractGraphqlRequest(sink: FieldSink, request: GraphqlRequest, prefix: string, jsonPrefix: string, document: DocumentNode | undefined): void {
  if (document === undefined) addField(sink, 'body', 'json', jsonPrefix + '.query', 'query', false, request.query);
  else extractDocument(sink, document, 'body', prefix + '.query');
  walkJson(sink, request.variables, prefix + '.variables.$', 'variables', 'body', 'json');
  walkJson(sink, request.operationName, jsonPrefix + '.operationName', 'operationName', 'body', 'json');
  for (const key of Object.keys(request)) {
    if (PROTOCOL_KEYS.has(key)) continue;
    const location = jsonPrefix + keySegment(key);
    addField(sink, 'body', 'json', location + '#name', key, true, key);
    walkJson(sink, request[key], location, key, 'body', 'json');
  }
}

/** Per request: which string literals were located by the walk (their offsets), so the token pass skips them. */
interface DocumentWalk {
  readonly sink: FieldSink;
  readonly kind: FieldKind;
  readonly located: Set<number>;
}

/**
 * String literals in arguments, default values and directives, located `<prefix>.<field>.<argument>`
 * (`.<key>` per input object level); then every other string (descriptions) and every comment from the
 * token stream, so no free text of the document goes uninspected.
 */
function extractDocument(sink: FieldSink, document: DocumentNode, kind: FieldKind, prefix: string): void {
  const walk: DocumentWalk = { sink, kind, located: new Set() };
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION && definition.kind !== Kind.FRAGMENT_DEFINITION) continue;
    for (const variable of definition.variableDefinitions ?? []) {
      const name = variable.variable.name.value;
      if (variable.defaultValue !== undefined) walkValue(walk, variable.defaultValue, prefix + '.$' + name, name, 0);
      walkDirectives(walk, variable.directives, prefix);
    }
    walkDirectives(walk, definition.directives, prefix);
    walkSelections(walk, definition.selectionSet, prefix, 0);
  }
  for (let token = document.loc?.startToken ?? null; token !== null && token.kind !== TokenKind.EOF; token = token.next) {
    if (token.kind === TokenKind.COMMENT) addField(sink, kind, 'graphql', prefix + '#comment', 'query', false, token.value);
    else if ((token.kind === TokenKind.STRING || token.kind === TokenKind.BLOCK_STRING) && !walk.located.has(token.start)) {
      addField(sink, kind, 'graphql', prefix, 'query', false, token.value);
    }
  }
}

function walkSelections(walk: DocumentWalk, selectionSet: SelectionSetNode | undefined, prefix: string, depth: number): void {
  // Past the depth limit the token pass still emits the strings, under the bare prefix.
  if (selectionSet === undefined || depth > walk.sink.limits.maxDepth) return;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const field = prefix + '.' + selection.name.value;
      walkArguments(walk, selection.arguments, field, depth);
      walkDirectives(walk, selection.directives, field);
      walkSelections(walk, selection.selectionSet, prefix, depth + 1);
    } else {
      walkDirectives(walk, selection.directives, prefix);
      if (selection.kind === Kind.INLINE_FRAGMENT) walkSelections(walk, selection.selectionSet, prefix, depth + 1);
    }
  }
}

function walkDirectives(walk: DocumentWalk, directives: readonly DirectiveNode[] | undefined, prefix: string): void {
  for (const directive of directives ?? []) walkArguments(walk, directive.arguments, prefix + '.@' + directive.name.value, 0);
}

function walkArguments(walk: DocumentWalk, args: readonly ArgumentNode[] | undefined, prefix: string, depth: number): void {
  for (const argument of args ?? []) walkValue(walk, argument.value, prefix + '.' + argument.name.value, argument.name.value, depth);
}

function walkValue(walk: DocumentWalk, value: ValueNode, location: string, name: string, depth: number): void {
  if (depth > walk.sink.limits.maxDepth) return;
  if (value.kind === Kind.STRING) {
    if (value.loc !== undefined) walk.located.add(value.loc.start);
    addField(walk.sink, walk.kind, 'graphql', location, name, false, value.value);
  } else if (value.kind === Kind.LIST) {
    for (const item of value.values) walkValue(walk, item, location, name, depth + 1);
  } else if (value.kind === Kind.OBJECT) {
    for (const field of value.fields) walkValue(walk, field.value, location + '.' + field.name.value, field.name.value, depth + 1);
  }
}

function hasStringQuery(value: unknown): value is GraphqlRequest {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && typeof (value as { query?: unknown }).query === 'string';
}

function isGraphqlPath(path: string): boolean {
  return path.endsWith('/graphql') || path.endsWith('/graphql/');
}

/** `{`, or one of the executable definition keywords (GraphQL spec §2.3), after leading whitespace. */
function opensLikeOperation(text: string): boolean {
  const start = text.trimStart();
  return start.startsWith('{') || start.startsWith('query') || start.startsWith('mutation') || start.startsWith('subscription') || start.startsWith('fragment');
}
