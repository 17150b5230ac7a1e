import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createFieldSink } from './field-sink.js';
import { extractGraphqlBody, extractGraphqlJson, extractGraphqlQueryParameter, parseGraphql } from './graphql.js';
import { DEFAULT_EXTRACT_LIMITS } from './limits.js';

type Row = [location: string, source: string, name: string, isName: boolean, value: string];

function fromJson(body: unknown): { isGraphql: boolean; rows: Row[] } {
  const sink = createFieldSink(DEFAULT_EXTRACT_LIMITS);
  const isGraphql = extractGraphqlJson(sink, body);
  for (const field of sink.fields) assert.equal(field.kind, 'body');
  return { isGraphql, rows: sink.fields.map((field) => [field.location, field.source, field.name, field.isName, field.value]) };
}

const SEARCH = `
  # Search posts by an author
  query Search($author: String = "anonymous", $filter: PostFilter) {
    search(text: "' OR 1=1--", tags: ["news", "<script>"], where: { title: { contains: "x" } }) @cached(key: "k1") {
      id
      ... on Post { comments(order: "newest") { body } }
    }
  }`;

test('a request with variables and inline string arguments: strings by field and argument, comments, variables as JSON, not the syntax', () => {
  const { isGraphql, rows } = fromJson({ query: SEARCH, variables: { filter: { author: { $ne: null }, text: 'hello' } }, operationName: 'Search' });
  assert.equal(isGraphql, true);
  assert.deepEqual(rows, [
    ['body.graphql.query.$author', 'graphql', 'author', false, 'anonymous'],
    ['body.graphql.query.search.text', 'graphql', 'text', false, "' OR 1=1--"],
    ['body.graphql.query.search.tags', 'graphql', 'tags', false, 'news'],
    ['body.graphql.query.search.tags', 'graphql', 'tags', false, '<script>'],
    ['body.graphql.query.search.where.title.contains', 'graphql', 'contains', false, 'x'],
    ['body.graphql.query.search.@cached.key', 'graphql', 'key', false, 'k1'],
    ['body.graphql.query.comments.order', 'graphql', 'order', false, 'newest'],
    ['body.graphql.query#comment', 'graphql', 'query', false, ' Search posts by an author'],
    ['body.graphql.variables.$.filter#name', 'json', 'filter', true, 'filter'],
    ['body.graphql.variables.$.filter.author#name', 'json', 'author', true, 'author'],
    ['body.graphql.variables.$.filter.author.$ne#name', 'json', '$ne', true, '$ne'],
    ['body.graphql.variables.$.filter.text#name', 'json', 'text', true, 'text'],
    ['body.graphql.variables.$.filter.text', 'json', 'text', false, 'hello'],
    ['body.$.operationName', 'json', 'operationName', false, 'Search'],
  ]);
  assert.ok(!rows.some((row) => row[4].includes('{')), 'the query text itself is not a field');
});

test('escapes and block strings arrive decoded; strings outside arguments (descriptions) are still fields', () => {
  const { rows } = fromJson({ query: '{ a(x: "\\u0027 OR \\"1\\"") }\n"""\n  described <b>\n"""\ntype T { f: Int }' });
  assert.deepEqual(rows.map((row) => [row[0], row[4]]), [
    ['body.graphql.query.a.x', '\' OR "1"'],
    ['body.graphql.query', 'described <b>'],
  ]);
});

test('other keys of the request object are JSON; a batch is a list of requests', () => {
  const { rows } = fromJson([{ query: '{ a(s: "one") }', extensions: { persistedQuery: { sha256Hash: 'abc' } } }, { query: 'not graphql', variables: { v: 'two' } }]);
  assert.deepEqual(rows.map((row) => [row[0], row[1], row[4]]), [
    ['body.graphql[0].query.a.s', 'graphql', 'one'],
    ['body.$[0].extensions#name', 'json', 'extensions'],
    ['body.$[0].extensions.persistedQuery#name', 'json', 'persistedQuery'],
    ['body.$[0].extensions.persistedQuery.sha256Hash#name', 'json', 'sha256Hash'],
    ['body.$[0].extensions.persistedQuery.sha256Hash', 'json', 'abc'],
    ['body.$[1].query', 'json', 'not graphql'],
    ['body.graphql[1].variables.$.v#name', 'json', 'v'],
    ['body.graphql[1].variables.$.v', 'json', 'two'],
  ]);
});

test('JSON that is not a GraphQL request is left to the JSON walk', () => {
  assert.equal(fromJson({ query: "' OR 1=1--" }).isGraphql, false, 'an unparseable query');
  assert.equal(fromJson({ query: { match: 'x' } }).isGraphql, false);
  assert.equal(fromJson([{ query: '{ a }' }, { other: 1 }]).isGraphql, false);
  assert.equal(fromJson([]).isGraphql, false);
  assert.equal(fromJson('{ a }').isGraphql, false);
  assert.deepEqual(fromJson({ name: 'x' }).rows, []);
});

test('an application/graphql body is the document itself', () => {
  const sink = createFieldSink(DEFAULT_EXTRACT_LIMITS);
  assert.equal(extractGraphqlBody(sink, 'mutation { login(user: "admin\'--", pass: "x") { token } }'), true);
  assert.deepEqual(sink.fields.map((field) => [field.location, field.value]), [['body.graphql.query.login.user', "admin'--"], ['body.graphql.query.login.pass', 'x']]);
  assert.equal(extractGraphqlBody(sink, 'SELECT * FROM users'), false);
});

test('a GET query parameter: read on a /graphql path or when it opens like an operation, decoded once for parsing', () => {
  const sink = createFieldSink(DEFAULT_EXTRACT_LIMITS);
  assert.equal(extractGraphqlQueryParameter(sink, encodeURIComponent('query { u(id: "%2527") { n } }'), '/api'), true);
  assert.equal(extractGraphqlQueryParameter(sink, '%7Bu%28q%3A%22a+b%22%29%7D', '/v1/graphql/'), true);
  assert.equal(extractGraphqlQueryParameter(sink, 'shoes', '/search'), false);
  assert.equal(extractGraphqlQueryParameter(sink, 'questions%20about%20%7B', '/search'), false);
  assert.deepEqual(sink.fields.map((field) => [field.kind, field.source, field.location, field.value]), [
    ['query', 'graphql', 'query.graphql.query.u.id', '%2527'],
    ['query', 'graphql', 'query.graphql.query.u.q', 'a b'],
  ]);
});

test('parsing is bounded: too many tokens or absurd nesting is simply not GraphQL', () => {
  assert.equal(parseGraphql('{ ' + 'a '.repeat(20_000) + '}'), undefined);
  assert.equal(parseGraphql('{a'.repeat(50_000) + '}'.repeat(50_000)), undefined);
  assert.equal(parseGraphql('{ a(x: [' + '['.repeat(5000) + ']'.repeat(5000) + ']) }'), undefined);
  assert.notEqual(parseGraphql('{ a }'), undefined);
});

test('strings nested deeper than maxDepth are still fields, at the bare prefix', () => {
  const sink = createFieldSink(DEFAULT_EXTRACT_LIMITS);
  assert.equal(extractGraphqlBody(sink, '{ a(x: ' + '['.repeat(100) + '"deep"' + ']'.repeat(100) + ') }'), true);
  assert.deepEqual(sink.fields.map((field) => [field.location, field.value]), [['body.graphql.query', 'deep']]);
});
