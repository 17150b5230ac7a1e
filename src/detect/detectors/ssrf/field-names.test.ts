import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NAME_HOST, NAME_INCLUDE, NAME_LINK, NAME_NAVIGATION, nameFlags } from './field-names.js';

test('host, link, include and navigation names by word, camelCase and suffix', () => {
  for (const name of ['url', 'callback_url', 'webhookUrl', 'imageurl', 'x-webhook-url', 'host', 'targetHost', 'server', 'proxy', 'endpoint']) {
    assert.ok((nameFlags(name) & NAME_HOST) !== 0, name);
  }
  for (const name of ['next', 'avatar', 'target', 'feed', 'source']) assert.equal(nameFlags(name) & (NAME_HOST | NAME_LINK), NAME_LINK, name);
  for (const name of ['page', 'file', 'template', 'include', 'lang']) assert.ok((nameFlags(name) & NAME_INCLUDE) !== 0, name);
  for (const name of ['redirect_uri', 'redirectUri', 'returnTo', 'success_url', 'next']) assert.ok((nameFlags(name) & NAME_NAVIGATION) !== 0, name);
});

test('`api` names an endpoint only as the last word', () => {
  for (const name of ['api', 'targetApi', 'upstream_api']) assert.ok((nameFlags(name) & NAME_HOST) !== 0, name);
  for (const name of ['x-api-version', 'apiVersion', 'x-api-key', 'api_token']) assert.equal(nameFlags(name) & (NAME_HOST | NAME_LINK), 0, name);
});

test('address data and ordinary names are not fetch targets', () => {
  for (const name of ['ip_address', 'ipAddress', 'email_address', 'client_ip', 'id', 'amount', 'name', 'feedback', 'context', '', 'x'.repeat(100)]) {
    assert.equal(nameFlags(name) & (NAME_HOST | NAME_LINK), 0, name);
  }
});
