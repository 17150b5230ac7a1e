// Response checks against a compiled document (test/fixtures/contract/visibility.yaml): which
// declared response applies to a status, whether the Content-Type is declared, what a body breaks,
// and stripping undeclared and writeOnly properties out of a body.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { buildApiModel } from './api-model.js';
import { compileContract, type CompiledContract, type CompiledMedia, type CompiledOperation } from './compile-contract.js';
import { loadApiDocument } from './load-document.js';
import { checkResponseHead, checkResponseValue, isCheckableResponse, responseMediaFor } from './validate-response.js';
import { stripFailures } from './validation-errors.js';

let contract: CompiledContract;

before(async () => {
  contract = compileContract(buildApiModel(await loadApiDocument(join(import.meta.dirname, '../../test/fixtures/contract/visibility.yaml'))));
});

function operation(operationId: string): CompiledOperation {
  const found = contract.operations.find((op) => op.spec.operationId === operationId);
  assert.ok(found, `operation ${operationId}`);
  return found;
}

function media(operationId: string, status: number, range = 'application/json'): CompiledMedia {
  const found = responseMediaFor(operation(operationId), status)?.find((m) => m.range === range);
  assert.ok(found, `${operationId} ${status} ${range}`);
  return found;
}

const ranges = (declared: readonly CompiledMedia[] | undefined): string[] | undefined => declared?.map((m) => m.range);
const kinds = (failures: readonly { kind: string; location: string }[]): [string, string][] => failures.map((f) => [f.kind, f.location]);

describe('responseMediaFor', () => {
  it('takes the exact status first', () => {
    assert.deepEqual(ranges(responseMediaFor(operation('createAccount'), 201)), ['application/json']);
    assert.deepEqual(ranges(responseMediaFor(operation('getAccount'), 200)), ['application/json', 'application/*']);
    assert.deepEqual(ranges(responseMediaFor(operation('getAccount'), 204)), [], 'declared without content');
  });

  it('then the status range (4XX)', () => {
    assert.deepEqual(ranges(responseMediaFor(operation('createAccount'), 404)), ['application/problem+json']);
    assert.deepEqual(ranges(responseMediaFor(operation('createAccount'), 422)), ['application/problem+json']);
  });

  it('then default', () => {
    assert.deepEqual(ranges(responseMediaFor(operation('createAccount'), 500)), ['text/plain']);
    assert.deepEqual(ranges(responseMediaFor(operation('createAccount'), 200)), ['text/plain'], 'no 200 nor 2XX: default');
  });

  it('and nothing when neither applies', () => {
    assert.equal(responseMediaFor(operation('getAccount'), 500), undefined);
    assert.equal(responseMediaFor(operation('getAccount'), 201), undefined);
  });
});

describe('checkResponseHead', () => {
  it('an undeclared status', () => {
    assert.deepEqual(checkResponseHead(operation('getAccount'), 500, 'application/json', true), { kind: 'status-undeclared' });
    assert.deepEqual(checkResponseHead(operation('listAccounts'), 404, '', false), { kind: 'status-undeclared' });
  });

  it('a declared media type, exactly or by a wildcard range', () => {
    const exact = checkResponseHead(operation('getAccount'), 200, 'application/json', true);
    assert.equal(exact.kind, 'ok');
    assert.equal(exact.kind === 'ok' ? exact.media?.range : undefined, 'application/json');
    const wildcard = checkResponseHead(operation('getAccount'), 200, 'application/vnd.example+json', true);
    assert.equal(wildcard.kind === 'ok' ? wildcard.media?.range : undefined, 'application/*');
    const problem = checkResponseHead(operation('createAccount'), 409, 'application/problem+json', true);
    assert.equal(problem.kind === 'ok' ? problem.media?.range : undefined, 'application/problem+json');
  });

  it('an undeclared media type lists the declared ones', () => {
    assert.deepEqual(checkResponseHead(operation('getAccount'), 200, 'text/html', true), { kind: 'content-type-undeclared', declared: ['application/json', 'application/*'] });
    assert.deepEqual(checkResponseHead(operation('createAccount'), 201, '', true), { kind: 'content-type-undeclared', declared: ['application/json'] }, 'a body without a Content-Type');
  });

  it('no body, or a status declared without content, has nothing to check', () => {
    assert.deepEqual(checkResponseHead(operation('getAccount'), 200, 'text/html', false), { kind: 'ok', media: undefined });
    assert.deepEqual(checkResponseHead(operation('getAccount'), 204, 'text/html', true), { kind: 'ok', media: undefined });
  });

  it('only JSON bodies with a schema are worth checking', () => {
    assert.equal(isCheckableResponse(media('getAccount', 200), 'application/json'), true);
    assert.equal(isCheckableResponse(media('getAccount', 200, 'application/*'), 'application/vnd.example+json'), true);
    assert.equal(isCheckableResponse(media('getAccount', 200, 'application/*'), 'application/pdf'), false);
    assert.equal(isCheckableResponse(media('createAccount', 500, 'text/plain'), 'text/plain'), false);
    assert.equal(isCheckableResponse(undefined, 'application/json'), false);
  });
});

describe('checkResponseValue', () => {
  const leaky = () => ({ id: 1, name: 'n', password: 'secret', role: 'admin' });

  it('a valid body has no failures', () => {
    assert.deepEqual(checkResponseValue(media('getAccount', 200), { id: 1, name: 'n', profile: { bio: 'b' } }, true), []);
  });

  it('reports undeclared properties only when asked; write-only and invalid ones always', () => {
    const account = media('getAccount', 200);
    assert.deepEqual(kinds(checkResponseValue(account, leaky(), true)).sort(), [['undeclared', 'body.$.role'], ['write-only', 'body.$.password']]);
    assert.deepEqual(kinds(checkResponseValue(account, leaky(), false)), [['write-only', 'body.$.password']]);
    assert.deepEqual(kinds(checkResponseValue(account, { id: 'one', name: 'n', extra: 1 }, false)), [['invalid', 'body.$.id']]);
  });

  it('a property a closed schema forbids is, in a response, undeclared (exposed data)', () => {
    const settings = media('updateSettings', 200);
    assert.deepEqual(kinds(checkResponseValue(settings, { theme: 'dark', internalId: 7 }, true)), [['undeclared', 'body.$.internalId']]);
    assert.deepEqual(checkResponseValue(settings, { theme: 'dark', internalId: 7 }, false), []);
  });

  it('finds undeclared and write-only properties at depth, inside arrays', () => {
    const list = media('listAccounts', 200);
    const body = [{ id: 1, name: 'a' }, { id: 2, name: 'b', profile: { bio: 'x', secret: 's' }, emails: [{ address: 'a@x' }, { address: 'b@x', verifiedBy: 'ops' }] }];
    assert.deepEqual(kinds(checkResponseValue(list, body, true)).sort(), [
      ['undeclared', 'body.$[1].emails[1].verifiedBy'],
      ['write-only', 'body.$[1].profile.secret'],
    ]);
  });
});

describe('stripFailures', () => {
  it('removes undeclared and write-only properties at depth, including inside arrays, leaving a valid body', () => {
    const list = media('listAccounts', 200);
    const body = [
      { id: 1, name: 'a', password: 'p1', debug: { trace: 'x' } },
      { id: 2, name: 'b', profile: { bio: 'x', secret: 's', internal: true }, emails: [{ address: 'a@x' }, { address: 'b@x', verifiedBy: 'ops' }] },
    ];
    const failures = checkResponseValue(list, body, true);
    assert.equal(failures.length, 5);
    assert.equal(stripFailures(body, failures), 5);
    assert.deepEqual(body, [
      { id: 1, name: 'a' },
      { id: 2, name: 'b', profile: { bio: 'x' }, emails: [{ address: 'a@x' }, { address: 'b@x' }] },
    ]);
    assert.deepEqual(checkResponseValue(list, body, true), []);
  });

  it('removes a property a closed schema forbids (named by the failure, not the pointer)', () => {
    const value = { theme: 'dark', internalId: 7 };
    const failures = checkResponseValue(media('updateSettings', 200), value, true);
    assert.equal(stripFailures(value, failures), 1);
    assert.deepEqual(value, { theme: 'dark' });
  });

  it('strips only what the failures it is given point at', () => {
    const value = { id: 'one', name: 'n', password: 'p', role: 'admin' };
    const failures = checkResponseValue(media('getAccount', 200), value, true);
    assert.equal(stripFailures(value, failures.filter((f) => f.kind === 'write-only')), 1);
    assert.deepEqual(value, { id: 'one', name: 'n', role: 'admin' });
    assert.equal(stripFailures(value, failures.filter((f) => f.kind === 'undeclared')), 1);
    assert.deepEqual(value, { id: 'one', name: 'n' });
    assert.equal(stripFailures(value, failures.filter((f) => f.kind !== 'invalid')), 0, 'already gone');
  });
});
