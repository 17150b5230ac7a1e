// Secrets in response schemas (OWASP API3:2023, excessive data exposure): a password, client secret
// or private key the server keeps must never travel back. Issued credentials (access tokens, new API
// keys) are left out on purpose: token and key-creation endpoints return them by design.
import type { AuditCheck } from '../../check.js';
import { canBeText, isDateLike, isSecret, isWriteOnly, propertiesOf, propertyLabel } from './support/properties.js';

export const secretInResponseCheck: AuditCheck = {
  id: 'sensitive-data.secret-in-response',
  group: 'sensitive-data',
  title: 'Secret returned in a response',
  owasp: 'API3',
  asvs: [],
  severity: 'high',
  part: 'security',
  explanation: 'A response schema that holds a password, a client secret or a private key tells clients, generated code and mock servers that the server sends it back; any such response leaks the secret to whoever can read it, logs and caches included.',
  remediation: 'Remove the secret from response schemas (use separate request and response schemas), or mark the property `writeOnly: true` (OpenAPI 3) and make sure the server never serializes it.',
  run(api, report) {
    const properties = propertiesOf(api, (property) => property.owner.usage.response && isSecret(property));
    for (const property of properties) {
      const schema = property.schema.value;
      if (isWriteOnly(property) || !canBeText(schema) || isDateLike(schema)) continue;
      report(property.schema.at, `${propertyLabel(property)} is a secret in a response schema and is not writeOnly`);
    }
  },
};
