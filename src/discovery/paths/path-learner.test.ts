import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { createPathLearner, type PathLearner } from './path-learner.js';
import { classifySegment } from './segment-kind.js';

const USERNAMES = [
  'octocat', 'torvalds', 'mojombo', 'defunkt', 'pjhyett', 'wycats', 'ezmobius', 'ivey', 'evanphx', 'vanpelt',
  'wayneeseguin', 'brynary', 'kevinclark', 'technoweenie', 'macournoyer', 'takeo', 'jnunemaker', 'topfunky', 'anotherjesse', 'bmizerany',
];

test('precondition: the usernames used here are shapeless, not dictionary words', () => {
  assert.deepEqual(USERNAMES.filter((name) => classifySegment(name) !== 'literal'), []);
});

const templatesOf = (learner: PathLearner): string[] => learner.templates().map((info) => info.template);

test('id-shaped segments become parameters at once, named after the parent', () => {
  const learner = createPathLearner();
  const cases: [string, string, Record<string, string>][] = [
    ['/users/42', '/users/{user}', { user: '42' }],
    ['/orders/550e8400-e29b-41d4-a716-446655440000', '/orders/{order}', { order: '550e8400-e29b-41d4-a716-446655440000' }],
    ['/products/5f8d0d55b54764421b7156c9', '/products/{product}', { product: '5f8d0d55b54764421b7156c9' }],
    ['/v1/customers/cus_9s6XKzkNRiz8i3', '/v1/customers/{customer}', { customer: 'cus_9s6XKzkNRiz8i3' }],
    ['/v1/charges/ch_3MqLiZ2eZvKYlo2C1sd6a4d8/refunds', '/v1/charges/{charge}/refunds', { charge: 'ch_3MqLiZ2eZvKYlo2C1sd6a4d8' }],
    ['/events/01ARZ3NDEKTSV4RRFFQ69G5FAV', '/events/{event}', { event: '01ARZ3NDEKTSV4RRFFQ69G5FAV' }],
    ['/commits/da39a3ee5e6b4b0d3255bfef95601890afd80709', '/commits/{commit}', { commit: 'da39a3ee5e6b4b0d3255bfef95601890afd80709' }],
    ['/reports/2024-01-31', '/reports/{report}', { report: '2024-01-31' }],
    ['/invoices/INV-2024-0001/pdf', '/invoices/{invoice}/pdf', { invoice: 'INV-2024-0001' }],
    ['/accounts/john%40example.com', '/accounts/{account}', { account: 'john@example.com' }],
    ['/payment-methods/pm_1MqLiZ2eZvKYlo2CjL7p2j3Q', '/payment-methods/{paymentMethod}', { paymentMethod: 'pm_1MqLiZ2eZvKYlo2CjL7p2j3Q' }],
  ];
  for (const [path, template, params] of cases) {
    const learned = learner.learn('GET', path);
    assert.equal(learned.template, template, path);
    assert.deepEqual(learned.params, params, path);
    assert.equal(learned.known, false);
    assert.equal(learned.tracked, true);
  }
});

test('versions and api are never parameters, even when they vary', () => {
  const learner = createPathLearner();
  for (let version = 1; version <= 30; version++) learner.learn('GET', `/v${version}/users/${version}`, 'user');
  assert.equal(learner.learn('GET', '/api/v2/orders/7').template, '/api/v2/orders/{order}');
  assert.equal(learner.learn('GET', '/admin/api/2024-01/products/632910392.json').template, '/admin/api/2024-01/products/{product}.json');
  assert.equal(learner.learn('GET', '/2/tweets/1460323737035677698').template, '/2/tweets/{tweet}');
  assert.ok(templatesOf(learner).includes('/v17/users/{user}'), 'v17 kept');
  assert.equal(templatesOf(learner).filter((template) => template.endsWith('/users/{user}')).length, 30);
});

test('deeper than the API version, version-shaped values are values: release tags, branches named after versions', () => {
  const learner = createPathLearner();
  for (let patch = 0; patch < 10; patch++) learner.learn('GET', `/repos/octocat/hello/releases/tags/v1.2.${patch}`, 'GET json|{}');
  assert.equal(learner.learn('GET', '/repos/octocat/hello/releases/tags/v2.0.0', 'GET json|{}').template, '/repos/octocat/hello/releases/tags/{tag}');
  for (const branch of ['feature-12-login', 'fix-99-crash', 'main-2024']) learner.learn('GET', `/v2/branches/${branch}/guides`, 'GET json|[]');
  assert.equal(learner.learn('GET', '/v2/branches/v1.1/guides', 'GET json|[]').template, '/v2/branches/{branch}/guides');
  assert.equal(learner.learn('GET', '/v2/branches/stable/guides', 'GET json|[]').template, '/v2/branches/{branch}/guides', 'a word whose path goes on as the values do');
});

test('a word stays an endpoint beside a parameter of machine ids, or beside values it does not resemble', () => {
  const learner = createPathLearner();
  for (let id = 1; id <= 20; id++) {
    learner.learn('GET', `/releases/${id * 1000}`, 'GET json|{}');
    learner.learn('GET', `/pulls/${id}/comments`, 'GET json|[]');
    learner.learn('GET', `/pulls/comments/${id * 77}`, 'GET json|{}');
  }
  assert.equal(learner.learn('GET', '/releases/latest', 'GET json|{}').template, '/releases/latest');
  assert.equal(learner.learn('GET', '/pulls/comments/5', 'GET json|{}').template, '/pulls/comments/{comment}');
  assert.ok(templatesOf(learner).includes('/pulls/{pull}/comments'));
  for (const name of USERNAMES) learner.learn('GET', `/user/${name}`, 'GET json|{}');
  learner.learn('PUT', `/user/${USERNAMES[0]!}`, 'PUT json|{}');
  assert.equal(learner.learn('POST', '/user/createWithList', 'POST json|{}').template, '/user/createWithList', 'no value was ever POSTed');
  assert.equal(learner.learn('GET', '/user/logout', 'GET |').template, '/user/logout', 'no value answered empty');
});

test('a word refused for a method no value had yet joins once a value has it', () => {
  const learner = createPathLearner();
  for (const name of USERNAMES) learner.learn('GET', `/changelogs/${name}`, 'GET json|{}');
  assert.equal(learner.learn('PATCH', '/changelogs/release-notes', 'PATCH json|{}').template, '/changelogs/release-notes');
  assert.equal(learner.learn('PATCH', `/changelogs/${USERNAMES[0]!}`, 'PATCH json|{}').template, '/changelogs/{changelog}');
  assert.deepEqual(templatesOf(learner), ['/changelogs/{changelog}']);
  assert.deepEqual(learner.learn('PATCH', '/changelogs/release-notes', 'PATCH json|{}').params, { changelog: 'release-notes' });
});

test('file names: one extension keeps a partial-segment parameter, several make the extension part of the value', () => {
  const learner = createPathLearner();
  learner.learn('GET', '/files/petstore-2024.json', 'GET json|{}');
  assert.equal(learner.learn('GET', '/files/train-v2.json', 'GET json|{}').template, '/files/{file}.json');
  assert.equal(learner.learn('GET', '/files/store-2023.yaml', 'GET json|{}').template, '/files/{file}');
  assert.equal(learner.learn('GET', '/files/getting-started.yaml', 'GET json|{}').template, '/files/{file}', 'a word file name joins on evidence');
  assert.deepEqual(templatesOf(learner), ['/files/{file}']);
  USERNAMES.forEach((owner, index) => learner.learn('GET', `/repos/${owner}/${USERNAMES[(index + 5) % USERNAMES.length]!}/pulls`, 'GET json|[]'));
  assert.equal(learner.learn('GET', '/repos/octocat/octokit.js/pulls', 'GET json|[]').template, '/repos/{owner}/{repo}/pulls');
});

test('shapeless literals stay literal until enough distinct values share a shape, then merge', () => {
  const learner = createPathLearner();
  for (const name of USERNAMES.slice(0, 9)) assert.equal(learner.learn('GET', `/users/${name}`, 'user').template, `/users/${name}`);
  assert.equal(learner.templates().length, 9);
  const tenth = learner.learn('GET', `/users/${USERNAMES[9]!}`, 'user');
  assert.equal(tenth.template, '/users/{user}');
  assert.deepEqual(tenth.params, { user: USERNAMES[9] });
  assert.deepEqual(templatesOf(learner), ['/users/{user}']);
  assert.equal(learner.learn('GET', '/users/octocat', 'user').template, '/users/{user}', 'a cached literal follows the merge');
  assert.equal(learner.learn('GET', `/users/${USERNAMES[15]!}`, 'user').template, '/users/{user}');
  const [info] = learner.templates();
  assert.deepEqual(info?.params[0]?.members, [...USERNAMES.slice(0, 10), USERNAMES[15]]);
  assert.deepEqual(info?.params[0]?.kinds, ['literal']);
  assert.equal(info?.hits, 12);
});

test('without shapes, count is the only evidence and twice as many values are needed', () => {
  const learner = createPathLearner();
  for (const name of USERNAMES.slice(0, 19)) learner.learn('GET', `/users/${name}`);
  assert.equal(learner.templates().length, 19);
  assert.equal(learner.learn('GET', `/users/${USERNAMES[19]!}`).template, '/users/{user}');
  assert.equal(learner.templates().length, 1);
});

test('literals with different shapes stay apart', () => {
  const learner = createPathLearner();
  USERNAMES.forEach((name, index) => learner.learn('GET', `/things/${name}`, `shape-${index}`));
  assert.equal(learner.templates().length, USERNAMES.length);
});

test('dictionary sibling sets never merge, whatever their number and shapes', () => {
  const learner = createPathLearner();
  const resources = ['users', 'orders', 'products', 'invoices', 'customers', 'payments', 'refunds', 'carts', 'items', 'reviews',
    'categories', 'coupons', 'shipments', 'addresses', 'subscriptions', 'plans', 'webhooks', 'events', 'sessions', 'tokens', 'teams', 'projects'];
  for (const resource of resources) {
    learner.learn('GET', `/${resource}`, 'list');
    learner.learn('GET', `/v1/${resource}`, 'list');
  }
  assert.equal(learner.templates().length, resources.length * 2);
  assert.ok(templatesOf(learner).every((template) => !template.includes('{')), templatesOf(learner).join(' '));
});

test('GitHub: adjacent parameters /repos/{owner}/{repo}, and words that are values join on shape evidence', () => {
  const learner = createPathLearner();
  const repos = ['hello-world', 'linux', 'grit', 'spoon-knife', 'react', 'node', 'rubinius', 'jekyll', 'sinatra', 'merb-core',
    'fizzbuzz', 'dotfiles', 'octokit.rb', 'git-consortium', 'boysenberry-repo-1', 'hubot', 'libgit2', 'vscode', 'kubernetes', 'deno'];
  USERNAMES.forEach((owner, index) => {
    for (let offset = 0; offset < 3; offset++) {
      const repo = repos[(index + offset * 7) % repos.length]!;
      learner.learn('GET', `/repos/${owner}/${repo}`, 'repo');
      learner.learn('GET', `/repos/${owner}/${repo}/issues/${index * 10 + offset}`, 'issue');
    }
    learner.learn('GET', `/users/${owner}`, 'user');
    learner.learn('GET', `/users/${owner}/repos`, 'repo-list');
  });
  learner.learn('GET', '/users/search', 'user-search');
  assert.deepEqual(templatesOf(learner), [
    '/repos/{owner}/{repo}', '/repos/{owner}/{repo}/issues/{issue}', '/users/search', '/users/{user}', '/users/{user}/repos',
  ]);
  assert.deepEqual(learner.learn('GET', '/repos/rails/rails/issues/1', 'issue').params, { owner: 'rails', repo: 'rails', issue: '1' });
  assert.equal(learner.learn('GET', '/users/search', 'user-search').template, '/users/search');
});

test('a value whose own response shape contradicts the parameter stays its own endpoint', () => {
  const learner = createPathLearner();
  for (const name of USERNAMES.slice(0, 10)) learner.learn('GET', `/users/${name}`, 'user');
  assert.equal(learner.learn('GET', '/users/whoami', 'session').template, '/users/whoami');
  assert.equal(learner.learn('GET', `/users/${USERNAMES[12]!}`, 'user').template, '/users/{user}');
  assert.equal(learner.learn('GET', `/users/${USERNAMES[13]!}/gists`, 'gist-list').template, '/users/{user}/gists', 'deeper requests are not contradictions');
});

test('partial-segment parameters keep the extension or custom method literal', () => {
  const learner = createPathLearner();
  assert.equal(learner.learn('GET', '/exports/123.json').template, '/exports/{export}.json');
  assert.deepEqual(learner.learn('GET', '/exports/124.json').params, { export: '124' });
  assert.equal(learner.learn('GET', '/exports/124.csv').template, '/exports/{export}', 'two extensions: the extension is part of the value');
  assert.deepEqual(learner.learn('GET', '/exports/report-2024-01-31.csv').params, { export: 'report-2024-01-31.csv' });
  assert.deepEqual(learner.learn('GET', '/exports/123.json').params, { export: '123.json' });
  assert.deepEqual(templatesOf(learner).filter((template) => template.startsWith('/exports')), ['/exports/{export}']);
  assert.equal(learner.learn('POST', '/v1/instances/abc123:start').template, '/v1/instances/{instance}:start');
  assert.equal(learner.learn('GET', '/openapi.json').template, '/openapi.json', 'a word before the extension is a document');
  for (const name of USERNAMES.slice(0, 10)) learner.learn('GET', `/avatars/${name}.png`, 'image');
  assert.equal(learner.learn('GET', '/avatars/octocat.png', 'image').template, '/avatars/{avatar}.png');
});

test('document templates match first: static beats parameter, the document names stay', () => {
  const learner = createPathLearner({
    knownTemplates: [
      { method: 'GET', template: '/users/{id}' }, { method: 'GET', template: '/users/me' },
      { method: 'GET', template: '/users/{id}/repos' }, { template: '/files/{name}.json' },
    ],
  });
  assert.deepEqual(learner.learn('GET', '/users/me'), { template: '/users/me', params: {}, known: true, tracked: true });
  assert.deepEqual(learner.learn('GET', '/users/42'), { template: '/users/{id}', params: { id: '42' }, known: true, tracked: true });
  assert.equal(learner.learn('GET', '/users/search').template, '/users/{id}', 'the document says any value');
  assert.equal(learner.learn('GET', '/users/me/repos').template, '/users/{id}/repos', 'backtracks from /users/me');
  assert.equal(learner.learn('DELETE', '/users/42').known, false, 'an undocumented method');
  assert.equal(learner.learn('PUT', '/files/report.json').known, true, 'no method in the document: every method');
  assert.equal(learner.learn('GET', '/users/42/keys').template, '/users/{id}/keys', 'learned below a document parameter');
  const info = learner.templates().find((entry) => entry.template === '/users/{id}');
  assert.deepEqual(info?.methods, ['DELETE', 'GET']);
  assert.deepEqual(info?.documentedMethods, ['GET']);
  assert.equal(learner.templates().find((entry) => entry.template === '/users/{id}/keys')?.known, false);
});

test('a document given later absorbs the literals learned before it', () => {
  const before = createPathLearner();
  for (const name of USERNAMES.slice(0, 4)) before.learn('GET', `/users/${name}`, 'user');
  before.learn('GET', '/users/search', 'search');
  assert.equal(before.templates().length, 5);
  const after = createPathLearner({ state: before.toJSON(), knownTemplates: [{ method: 'GET', template: '/users/{login}' }] });
  assert.deepEqual(templatesOf(after), ['/users/search', '/users/{login}']);
  assert.deepEqual([...after.templates().find((info) => info.known)?.params[0]?.members ?? []].sort(), USERNAMES.slice(0, 4).sort());
});

test('templates are percent-encoded where a literal could be misread; values are decoded', () => {
  const learner = createPathLearner();
  assert.equal(learner.learn('GET', '/files/a%2Fb/raw').template, '/files/a%2Fb/raw');
  assert.deepEqual(learner.learn('GET', '/search/blue%20shoes').params, { search: 'blue shoes' });
  assert.equal(learner.learn('GET', '/wiki/Caf%C3%A9').template, '/wiki/Caf%C3%A9');
  assert.equal(learner.learn('GET', '/wiki/%zz').template, '/wiki/%25zz', 'a malformed escape is kept as text');
});

test('an attacker flooding one position with names cannot grow the tree past the cap', () => {
  const learner = createPathLearner({ maxLiteralChildren: 100 });
  // Dictionary words never merge on evidence: only the cap stops them.
  const english = (createRequire(import.meta.url)('an-array-of-english-words') as string[]).filter((word) => word.length > 5);
  for (let index = 0; index < 3000; index++) learner.learn('GET', `/users/${english[index * 50]!}`, `shape-${index}`);
  assert.ok(learner.stats().nodes <= 100 + 3, `${learner.stats().nodes} nodes`);
  const overflow = learner.templates().find((entry) => entry.template === '/users/{user}')?.params[0]?.overflow ?? 0;
  assert.ok(overflow >= 2900, `${overflow} overflowed`);
  // Shapeless non-words: each has its own shape, so no evidence group forms; the cap collapses them.
  const other = createPathLearner({ maxLiteralChildren: 100 });
  for (let index = 0; index < 3000; index++) other.learn('GET', `/files/zq${index.toString(36).replace(/\d/g, 'x')}k`, `shape-${index}`);
  assert.ok(other.stats().nodes <= 100 + 3, `${other.stats().nodes} nodes`);
  assert.deepEqual(templatesOf(other).filter((template) => template.includes('{')), ['/files/{file}']);
});

test('random deep paths stop at maxNodes and maxSegments; the answer is then untracked', () => {
  const learner = createPathLearner({ maxNodes: 200, maxSegments: 8 });
  for (let index = 0; index < 500; index++) learner.learn('GET', `/zq${index.toString(36).replace(/\d/g, 'x')}/a/b/c`);
  assert.ok(learner.stats().nodes <= 200, `${learner.stats().nodes} nodes`);
  const deep = learner.learn('GET', `/${'a/'.repeat(20)}42`);
  assert.equal(deep.tracked, false);
  assert.equal(deep.template, `/${'a/'.repeat(20)}{a}`);
  assert.ok(learner.stats().untracked > 0, 'untracked counted');
});

test('match looks a request up without learning it', () => {
  const learner = createPathLearner({ knownTemplates: [{ method: 'GET', template: '/users/me' }] });
  learner.learn('GET', '/orders/7', 'order');
  assert.deepEqual(learner.match('get', '/orders/8'), { template: '/orders/{order}', params: { order: '8' }, known: false, tracked: true });
  assert.equal(learner.match('GET', '/users/me')?.known, true);
  assert.equal(learner.match('GET', '/orders'), undefined, 'a prefix of a template is no template');
  assert.equal(learner.match('GET', '/nowhere/1'), undefined);
  const before = JSON.stringify(learner.toJSON());
  learner.match('GET', '/orders/9');
  assert.equal(JSON.stringify(learner.toJSON()), before);
});

test('the root path is a template', () => {
  const learner = createPathLearner();
  assert.deepEqual(learner.learn('get', '/'), { template: '/', params: {}, known: false, tracked: true });
  assert.deepEqual(learner.templates().map((info) => [info.template, info.methods]), [['/', ['GET']]]);
});

test('the warm path takes a few microseconds', () => {
  const learner = createPathLearner();
  for (const name of USERNAMES) learner.learn('GET', `/users/${name}/repos`, 'repos');
  const rounds = 200_000;
  const started = performance.now();
  for (let index = 0; index < rounds; index++) learner.learn('GET', '/users/octocat/repos', 'repos');
  const cached = ((performance.now() - started) * 1000) / rounds;
  const fresh = performance.now();
  for (let index = 0; index < 20_000; index++) learner.learn('GET', `/users/octocat/repos/${index}`, 'repo');
  const uncached = ((performance.now() - fresh) * 1000) / 20_000;
  assert.ok(cached < 2, `${cached.toFixed(2)} µs cached`);
  assert.ok(uncached < 20, `${uncached.toFixed(2)} µs on a new id`);
});

/** mulberry32: a small seeded PRNG, so a failing run can be replayed. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

function generators(random: () => number): Record<string, () => string> {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const chars = (alphabet: string, length: number): string => Array.from({ length }, () => pick([...alphabet])).join('');
  const hex = (length: number): string => chars('0123456789abcdef', length);
  const syllables = ['ka', 'zu', 'mi', 'rex', 'vo', 'lin', 'tar', 'qui', 'bel', 'dro', 'fen', 'gor', 'hal', 'jix', 'pum', 'sor', 'tev', 'wyn', 'xal', 'yor'];
  const name = (): string => `${pick(syllables)}${pick(syllables)}${random() < 0.5 ? pick(syllables) : ''}`;
  const owners = Array.from({ length: 40 }, name);
  const repos = [...Array.from({ length: 30 }, () => `${name()}${random() < 0.4 ? `-${name()}` : ''}`), 'react', 'node', 'linux', 'hello-world', 'dotfiles'];
  const base62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const two = (max: number): string => String(1 + Math.floor(random() * max)).padStart(2, '0');
  return {
    user: () => pick(owners),
    owner: () => pick(owners),
    repo: () => pick(repos),
    number: () => String(1 + Math.floor(random() * 5000)),
    customer: () => `cus_${chars(base62, 14)}`,
    charge: () => `ch_${chars(base62, 24)}`,
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`,
    objectId: () => hex(24),
    date: () => `20${two(25)}-${two(12)}-${two(28)}`,
  };
}

/** Each template with the generator of each parameter, in order. */
const TRAFFIC_TEMPLATES: [string, string, string[]][] = [
  ['GET', '/users/{user}', ['user']],
  ['GET', '/users/{user}/repos', ['user']],
  ['GET', '/users/me', []],
  ['GET', '/repos/{owner}/{repo}', ['owner', 'repo']],
  ['GET', '/repos/{owner}/{repo}/issues', ['owner', 'repo']],
  ['POST', '/repos/{owner}/{repo}/issues', ['owner', 'repo']],
  ['GET', '/repos/{owner}/{repo}/issues/{issue}', ['owner', 'repo', 'number']],
  ['GET', '/repos/{owner}/{repo}/pulls/{pull}', ['owner', 'repo', 'number']],
  ['GET', '/v1/customers', []],
  ['GET', '/v1/customers/{customer}', ['customer']],
  ['GET', '/v1/customers/{customer}/sources', ['customer']],
  ['POST', '/v1/charges', []],
  ['GET', '/v1/charges/{charge}', ['charge']],
  ['GET', '/api/v2/orders', []],
  ['GET', '/api/v2/orders/{order}', ['uuid']],
  ['DELETE', '/api/v2/orders/{order}', ['uuid']],
  ['GET', '/api/v2/products/{product}', ['objectId']],
  ['GET', '/reports/{report}', ['date']],
  ['GET', '/exports/{export}.json', ['number']],
  ['GET', '/teams/{team}/members/{member}', ['number', 'user']],
  ['GET', '/health', []],
  ['GET', '/search', []],
];

function fill(template: string, values: readonly string[]): string {
  let index = 0;
  return template.replace(/\{[a-z]+\}/g, () => encodeURIComponent(values[index++]!));
}

for (const seed of [1, 2, 3, 42, 2024]) {
  test(`precision: generated traffic learns back exactly its templates (seed ${seed})`, () => {
    const random = prng(seed);
    const make = generators(random);
    const learner = createPathLearner();
    for (let request = 0; request < 4000; request++) {
      const [method, template, params] = TRAFFIC_TEMPLATES[Math.floor(random() * TRAFFIC_TEMPLATES.length)]!;
      learner.learn(method, fill(template, params.map((param) => make[param]!())), `${method} ${template}`);
    }
    const expected = [...new Set(TRAFFIC_TEMPLATES.map(([, template]) => template))].sort();
    assert.deepEqual(templatesOf(learner), expected);
    for (const [method, template, params] of TRAFFIC_TEMPLATES) {
      const values = params.map((param) => make[param]!());
      const learned = learner.learn(method, fill(template, values), `${method} ${template}`);
      assert.equal(learned.template, template);
      assert.deepEqual(Object.values(learned.params), values);
    }
    const methods = learner.templates().find((info) => info.template === '/repos/{owner}/{repo}/issues')?.methods;
    assert.deepEqual(methods, ['GET', 'POST']);
    // The running node count matches a recount of the saved tree.
    assert.equal(createPathLearner({ state: learner.toJSON() }).stats().nodes, learner.stats().nodes);
  });
}

test('control: with a higher threshold the same traffic keeps shapeless values literal', () => {
  const random = prng(1);
  const make = generators(random);
  const learner = createPathLearner({ minDistinctValues: 1000, minDistinctUnshaped: 1000 });
  for (let request = 0; request < 2000; request++) learner.learn('GET', `/users/${make.user!()}`, 'user');
  assert.ok(!templatesOf(learner).includes('/users/{user}'), 'no merge under the higher threshold');
  assert.ok(learner.templates().length > 30, `${learner.templates().length} templates`);
});

function mergedUsers(options: Parameters<typeof createPathLearner>[0] = {}): PathLearner {
  const learner = createPathLearner(options);
  for (const name of USERNAMES.slice(0, 12)) {
    learner.learn('GET', `/users/${name}`, 'user');
    learner.learn('GET', `/users/${name}/repos`, 'repo-list');
  }
  return learner;
}

test('correction split: the merged members come back as their own templates and stay literal', () => {
  const learner = mergedUsers();
  assert.deepEqual(templatesOf(learner), ['/users/{user}', '/users/{user}/repos']);
  learner.correct({ action: 'split', template: '/users/{user}' });
  const templates = templatesOf(learner);
  assert.ok(!templates.some((template) => template.includes('{')), templates.join(' '));
  for (const name of USERNAMES.slice(0, 12)) assert.ok(templates.includes(`/users/${name}`), name);
  assert.ok(templates.includes('/users/octocat/repos'), 'deeper members come back');
  assert.equal(learner.learn('GET', '/users/brand-new-user-x9', 'user').template, '/users/brand-new-user-x9', 'even ids stay literal here now');
});

test('correction literal: one value leaves the parameter and later traffic keeps it apart', () => {
  const learner = mergedUsers();
  learner.learn('GET', `/users/${USERNAMES[13]!}`, 'user');
  learner.correct({ action: 'literal', template: `/users/${USERNAMES[13]!}` });
  assert.equal(learner.learn('GET', `/users/${USERNAMES[13]!}`, 'user').template, `/users/${USERNAMES[13]!}`);
  assert.equal(learner.learn('GET', `/users/${USERNAMES[14]!}`, 'user').template, '/users/{user}');
  const members = learner.templates().find((info) => info.template === '/users/{user}')?.params[0]?.members;
  assert.ok(members !== undefined && !members.includes(USERNAMES[13]!), 'left the members');
});

test('correction merge: the user forces a parameter over dictionary words', () => {
  const learner = createPathLearner();
  const teams = ['alpha', 'bravo', 'charlie', 'delta', 'echo'];
  for (const team of teams) learner.learn('GET', `/teams/${team}/members`, 'members');
  assert.equal(learner.templates().length, 5);
  learner.correct({ action: 'merge', template: '/teams/{team}/members' });
  assert.deepEqual(templatesOf(learner), ['/teams/{team}/members']);
  assert.deepEqual(learner.learn('GET', '/teams/foxtrot/members', 'members').params, { team: 'foxtrot' });
  assert.deepEqual(learner.templates()[0]?.params[0]?.members, [...teams, 'foxtrot']);
});

test('correction rename: the name sticks, in results and listings', () => {
  const learner = mergedUsers();
  learner.correct({ action: 'rename', template: '/users/{user}/repos', param: 'user', name: 'username' });
  assert.deepEqual(learner.learn('GET', '/users/octocat/repos', 'repo-list'), {
    template: '/users/{username}/repos', params: { username: 'octocat' }, known: false, tracked: true,
  });
  assert.deepEqual(templatesOf(learner), ['/users/{username}', '/users/{username}/repos']);
  assert.throws(() => learner.correct({ action: 'rename', template: '/users/{user}', name: '__proto__' }), TypeError);
  assert.throws(() => learner.correct({ action: 'split', template: '/users/octocat' }), TypeError);
});

test('corrections given at creation apply before learning and to everything learned', () => {
  const learner = mergedUsers({ corrections: [{ action: 'split', template: '/users/{user}' }, { action: 'literal', template: '/orders/pending' }] });
  assert.ok(!templatesOf(learner).some((template) => template.includes('{')), templatesOf(learner).join(' '));
  assert.equal(learner.learn('GET', '/orders/17').template, '/orders/{order}');
  assert.equal(learner.learn('GET', '/orders/pending').template, '/orders/pending');
});

test('persistence: toJSON round-trips through JSON text, is stable, and learning resumes', () => {
  const learner = mergedUsers({ knownTemplates: [{ method: 'GET', template: '/users/me' }] });
  learner.learn('GET', '/users/me', 'me');
  learner.learn('GET', '/exports/12.json');
  learner.correct({ action: 'rename', template: '/users/{user}', name: 'login' });
  const text = JSON.stringify(learner.toJSON());
  const again = createPathLearner({ state: JSON.parse(text) as ReturnType<PathLearner['toJSON']>, knownTemplates: [{ method: 'GET', template: '/users/me' }] });
  assert.deepEqual(again.templates(), learner.templates());
  assert.equal(JSON.stringify(again.toJSON()), text);
  assert.equal(JSON.stringify(mergedUsers({ knownTemplates: [{ method: 'GET', template: '/users/me' }] }).toJSON()).length > 0, true);
  assert.deepEqual(again.learn('GET', '/users/newperson', 'user').params, { login: 'newperson' });
  assert.equal(again.learn('GET', '/users/me').known, true);
  const withoutDocument = createPathLearner({ state: JSON.parse(text) as ReturnType<PathLearner['toJSON']> });
  assert.equal(withoutDocument.learn('GET', '/users/me', 'me').known, false, 'known comes from the document, not the state');
});

test('persistence: the same traffic gives the same JSON, whatever the order of siblings', () => {
  const paths = USERNAMES.slice(0, 5).map((name) => `/users/${name}`);
  const one = createPathLearner();
  const two = createPathLearner();
  for (const path of paths) one.learn('GET', path);
  for (const path of [...paths].reverse()) two.learn('GET', path);
  const strip = (learner: PathLearner): string => JSON.stringify(learner.toJSON(), (key, value: unknown) => (key === 'example' ? undefined : value));
  assert.equal(strip(one), strip(two));
});

test('persistence: malformed state is refused with a TypeError', () => {
  const bad: unknown[] = [
    null, {}, { format: 'other' }, { format: 'bulwark.path-learner/1', untracked: 0, corrections: [], root: { hits: -1 } },
    { format: 'bulwark.path-learner/1', untracked: 0, corrections: [], root: { statics: [['a']] } },
    { format: 'bulwark.path-learner/1', untracked: 0, corrections: [], root: { kinds: ['nonsense'] } },
    { format: 'bulwark.path-learner/1', untracked: 0, corrections: [{ action: 'explode', template: '/a' }], root: {} },
  ];
  for (const state of bad) {
    assert.throws(() => createPathLearner({ state: state as ReturnType<PathLearner['toJSON']> }), TypeError, JSON.stringify(state));
  }
  const deep = { format: 'bulwark.path-learner/1', untracked: 0, corrections: [], root: {} as Record<string, unknown> };
  let node = deep.root;
  for (let depth = 0; depth < 40; depth++) node = ((node.statics = [['a', {}]]) as [string, Record<string, unknown>][])[0]![1];
  assert.throws(() => createPathLearner({ state: deep as ReturnType<PathLearner['toJSON']> }), TypeError);
});
