import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findingPointers, runCheck } from '../check-harness.js';
import { noContactCheck } from './no-contact.js';

describe('inventory.no-contact', () => {
  test('reports a missing or empty contact (OpenAPI 3.0, 3.1 and Swagger 2.0)', () => {
    for (const header of ["openapi: 3.0.3", "openapi: 3.1.0", "swagger: '2.0'"]) {
      const missing = `${header}\ninfo: {title: t, version: '1'}\npaths: {}\n`;
      assert.deepEqual(findingPointers(noContactCheck, missing), ['/info']);
      assert.equal(runCheck(noContactCheck, missing)[0]?.message, 'info has no contact: nobody is named as owning the API');
      assert.deepEqual(findingPointers(noContactCheck, `${header}\ninfo: {title: t, version: '1', contact: {name: ' '}}\npaths: {}\n`), ['/info/contact']);
      assert.deepEqual(findingPointers(noContactCheck, `${header}\ninfo: {title: t, version: '1', contact: {email: api@example.com}}\npaths: {}\n`), []);
    }
  });

  test('reports a document without info at its root', () => {
    assert.deepEqual(findingPointers(noContactCheck, 'openapi: 3.0.3\npaths: {}\n'), ['']);
  });
});
