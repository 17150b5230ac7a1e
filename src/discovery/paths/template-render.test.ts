import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRule } from './correction-rules.js';
import type { Step } from './learn-walk.js';
import { createParam, createStatic } from './path-node.js';
import { paramValues, renderSteps, statelessSteps } from './template-render.js';

function steps(...parts: (string | [suffix: string, value: string, knownName?: string])[]): Step[] {
  const list: Step[] = [{ node: createStatic('', undefined, 0), rule: createRule() }];
  for (const part of parts) {
    if (typeof part === 'string') {
      list.push({ node: createStatic(part, undefined, 1), rule: undefined });
    } else {
      const node = createParam(part[0]);
      if (part[2] !== undefined) node.knownName = part[2];
      list.push({ node, rule: undefined, value: part[1], kind: 'literal' });
    }
  }
  return list;
}

test('derived names, document names, and renames from the parent position', () => {
  const path = steps('repos', ['', 'octocat'], ['', 'hello-world'], 'issues', ['.json', '7']);
  const rendered = renderSteps(path);
  assert.equal(rendered.template, '/repos/{owner}/{repo}/issues/{issue}.json');
  assert.deepEqual(paramValues(path, rendered.names), { owner: 'octocat', repo: 'hello-world', issue: '7' });
  assert.equal(renderSteps(steps('users', ['', '1', 'login'])).template, '/users/{login}');
  const renamed = steps('users', ['', '1', 'login']);
  const rule = createRule();
  rule.renames.set('', 'username');
  renamed[1] = { ...renamed[1]!, rule };
  assert.equal(renderSteps(renamed).template, '/users/{username}', 'a rename beats the document');
});

test('a parameter named __proto__ is an own property, not a prototype change', () => {
  const path = steps('x', ['', 'value', '__proto__']);
  const params = paramValues(path, renderSteps(path).names);
  assert.equal(Object.getPrototypeOf(params), Object.prototype);
  assert.deepEqual(Object.keys(params), ['__proto__']);
});

test('stateless templates: ids are parameters, the rest literal', () => {
  const stateless = statelessSteps(['v1', 'customers', 'cus_9s6XKzkNRiz8i3', 'export', '12.csv', 'octocat']);
  const rendered = renderSteps(stateless);
  assert.equal(rendered.template, '/v1/customers/{customer}/export/{export}.csv/octocat');
  assert.deepEqual(paramValues(stateless, rendered.names), { customer: 'cus_9s6XKzkNRiz8i3', export: '12' });
  assert.equal(renderSteps(statelessSteps([])).template, '/');
});
