import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareSchemas, createScalarLearner, createSchemaLearner, restoreSchemaLearner } from './index.js';
import type { JsonSchema } from './index.js';

test('the public surface end to end: learn a body and a parameter, store, restore, export, compare', () => {
  const body = createSchemaLearner();
  const page = createScalarLearner({ name: 'page' });
  for (let index = 0; index < 50; index++) {
    body.add({ id: index, state: index % 2 ? 'open' : 'closed', email: `u${index}@example.com` });
    page.add(String(index));
  }
  const restored = restoreSchemaLearner(JSON.parse(JSON.stringify(body.toJSON())));
  const schema = restored.toSchema();
  assert.deepEqual(schema.properties?.state, { type: 'string', enum: ['closed', 'open'] });
  assert.deepEqual(page.toSchema(), { type: 'integer' });
  const documented: JsonSchema = { type: 'object', properties: { id: { type: 'string' }, email: { type: 'string', format: 'email' } } };
  assert.deepEqual(compareSchemas(documented, schema).map((difference) => `${difference.kind} ${difference.pointer}`), ['type-mismatch /id', 'undocumented-field /state']);
});
