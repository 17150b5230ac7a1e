import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findingPointers, runCheck } from '../check-harness.js';
import { credentialsInDocumentUrlCheck } from './credentials-in-document-url.js';

describe('sensitive-data.credentials-in-document-url', () => {
  test('reports userinfo in variable defaults, security scheme and documentation URLs (OpenAPI 3.0 and 3.1), with the password hidden', () => {
    for (const version of ['3.0.3', '3.1.0']) {
      const text = `
openapi: ${version}
info:
  title: t
  version: '1'
  contact: {url: 'https://support:letmein@help.example.com'}
  license: {name: MIT, url: 'https://opensource.org/licenses/MIT'}
externalDocs: {url: 'https://wiki:pw@docs.example.com/api'}
servers:
  - url: https://admin:hunter2@api.example.com/v1
  - url: https://{credentials}api.example.com
    variables:
      credentials: {default: 'ops:s3cret@'}
  - url: https://api.example.com/v1?user=a@b.example
paths:
  /things:
    get:
      externalDocs: {url: 'https://dev:pw@docs.example.com/things'}
      servers:
        - url: https://files.example.com
      responses: {'200': {description: ok}}
components:
  securitySchemes:
    oauth:
      type: oauth2
      flows:
        clientCredentials:
          tokenUrl: https://client:secret@auth.example.com/token
          scopes: {}
    oidc: {type: openIdConnect, openIdConnectUrl: 'https://auth.example.com/.well-known/openid-configuration'}
`;
      assert.deepEqual(findingPointers(credentialsInDocumentUrlCheck, text), [
        '/servers/1',
        '/components/securitySchemes/oauth/flows/clientCredentials',
        '/info/contact/url',
        '/externalDocs/url',
        '/paths/~1things/get/externalDocs/url',
      ]);
      const messages = runCheck(credentialsInDocumentUrlCheck, text).map((finding) => finding.message);
      assert.equal(messages[0], 'the server URL `https://{credentials}api.example.com` becomes `https://ops:***@api.example.com` with its variable defaults: credentials before the host');
      assert.equal(messages[2], 'the contact URL `https://support:***@help.example.com` carries user credentials');
      assert.ok(messages.every((message) => !message.includes('letmein') && !message.includes('s3cret') && !message.includes(':secret@')));
    }
  });

  test('leaves Swagger 2.0 hosts to transport.server-url-credentials and reads its OAuth URLs', () => {
    assert.deepEqual(findingPointers(credentialsInDocumentUrlCheck, `
swagger: '2.0'
info: {title: t, version: '1'}
host: deploy:pw@api.example.com
schemes: [https]
paths: {}
securityDefinitions:
  oauth:
    type: oauth2
    flow: application
    tokenUrl: https://client:secret@auth.example.com/token
    scopes: {}
`), ['/securityDefinitions/oauth']);
  });
});
