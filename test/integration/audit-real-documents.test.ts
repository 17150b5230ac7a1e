// `bulwark audit` on real public API descriptions, small and large (from the @readme/oas-examples and
// @octokit/openapi packages): the findings a reviewer would point out in each, at the right node and
// line, and none of the mistakes those documents do not make.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { before, describe, test } from 'node:test';
import { auditFile, type AuditReport } from '../../src/audit/audit.js';

const require = createRequire(import.meta.url);
const DOCUMENTS = {
  petstore2: require.resolve('@readme/oas-examples/2.0/json/petstore.json'),
  starTrek: require.resolve('@readme/oas-examples/3.0/json/star-trek.json'),
  trainTravel: require.resolve('@readme/oas-examples/3.1/json/train-travel.json'),
  github: require.resolve('@octokit/openapi/generated/api.github.com.json'),
};
const reports = new Map<keyof typeof DOCUMENTS, AuditReport>();

before(async () => {
  for (const [name, file] of Object.entries(DOCUMENTS)) reports.set(name as keyof typeof DOCUMENTS, await auditFile(file));
});

function report(name: keyof typeof DOCUMENTS): AuditReport {
  const found = reports.get(name);
  assert.ok(found, name);
  return found;
}

/** `checkId pointer` of each finding of the listed checks (all checks when none are listed). */
function findings(name: keyof typeof DOCUMENTS, ...checks: string[]): string[] {
  return report(name).findings.filter((finding) => checks.length === 0 || checks.includes(finding.checkId)).map((finding) => `${finding.checkId} ${finding.pointer}`);
}

function count(name: keyof typeof DOCUMENTS, check: string): number {
  return report(name).findings.filter((finding) => finding.checkId === check).length;
}

describe('audit of real documents', () => {
  test('Swagger Petstore 2.0: plain HTTP, the implicit flow over HTTP, a password in a query string and in a response', () => {
    const petstore = report('petstore2');
    assert.equal(petstore.document.dialect, 'swagger-2.0');
    assert.equal(petstore.document.operations, 20);
    assert.deepEqual(findings('petstore2', 'transport.http-server', 'authentication.oauth-implicit-flow', 'authentication.oauth-insecure-urls', 'sensitive-data.secret-in-response').sort(), [
      'authentication.oauth-implicit-flow /securityDefinitions/petstore_auth',
      'authentication.oauth-insecure-urls /securityDefinitions/petstore_auth',
      'sensitive-data.secret-in-response /definitions/User/properties/password',
      'transport.http-server /schemes/0',
    ]);
    assert.ok(findings('petstore2', 'authentication.credentials-in-url').includes('authentication.credentials-in-url /paths/~1user~1login/get/parameters/1'));
    const login = petstore.findings.find((finding) => finding.checkId === 'authentication.credentials-in-url');
    assert.equal(login?.line, 571);
    // The store's writes are protected by OAuth with scopes but document no 403.
    assert.ok(findings('petstore2', 'authorization.missing-403').includes('authorization.missing-403 /paths/~1pet/post/responses'));
    assert.ok(findings('petstore2', 'inventory.deprecated-without-sunset').includes('inventory.deprecated-without-sunset /paths/~1pet~1findByTags/get'));
    // The API key goes in a header, not the URL.
    assert.equal(count('petstore2', 'authentication.api-key-in-url'), 0);
  });

  test('STAPI (3.0, 120 operations): no authentication at all, the API key in every query string, plain HTTP', () => {
    const stapi = report('starTrek');
    assert.equal(stapi.document.operations, 120);
    assert.deepEqual(findings('starTrek', 'authentication.no-security-defined', 'transport.http-server'), ['transport.http-server /servers/0', 'authentication.no-security-defined ']);
    // Every operation takes `apiKey` in the query: one finding per parameter definition.
    assert.equal(count('starTrek', 'authentication.credentials-in-url'), 120);
    assert.equal(count('starTrek', 'authentication.read-unprotected') + count('starTrek', 'authentication.write-unprotected'), 120);
    assert.ok(stapi.score.security < 20, `security score ${stapi.score.security}`);
  });

  test('Train Travel (3.1, a carefully designed API): few findings, none critical or high, and a good score', () => {
    const train = report('trainTravel');
    assert.equal(train.document.dialect, 'openapi-3.1');
    assert.deepEqual(train.findings.filter((finding) => finding.severity === 'critical' || finding.severity === 'high').map((finding) => finding.checkId), []);
    for (const check of ['transport.http-server', 'authentication.no-security-defined', 'authentication.write-unprotected', 'authentication.read-unprotected', 'errors-limits.missing-429', 'authentication.missing-401']) {
      assert.equal(count('trainTravel', check), 0, check);
    }
    assert.ok(findings('trainTravel', 'authentication.short-lived-tokens').includes('authentication.short-lived-tokens /components/securitySchemes/OAuth2/flows/authorizationCode'));
    assert.ok(findings('trainTravel', 'validation.xml-request-body').includes('validation.xml-request-body /paths/~1bookings/post/requestBody/content/application~1xml'));
    assert.ok(train.score.total >= 60, `score ${train.score.total}`);
    assert.ok(train.score.total > report('petstore2').score.total && train.score.total > report('starTrek').score.total);
  });

  test('GitHub REST API (3.1 MB, 706 operations): HTTPS only, no declared security schemes, deprecated operations without sunset', () => {
    const github = report('github');
    assert.equal(github.document.operations, 706);
    assert.equal(count('github', 'transport.http-server'), 0);
    assert.deepEqual(findings('github', 'authentication.no-security-defined'), ['authentication.no-security-defined ']);
    const deprecated = Object.values((require(DOCUMENTS.github) as { paths: Record<string, Record<string, { deprecated?: boolean }>> }).paths)
      .flatMap((item) => Object.values(item)).filter((operation) => operation.deprecated === true).length;
    assert.equal(count('github', 'inventory.deprecated-without-sunset'), deprecated);
    assert.equal(count('github', 'hygiene.duplicate-operation-id'), 0);
  });
});
