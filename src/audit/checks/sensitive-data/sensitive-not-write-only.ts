// Request-side secrets not marked writeOnly (OpenAPI 3): the schema is not returned today, but nothing
// in the document stops the next response that reuses it from returning the password too, and
// generators and mock servers treat the field as readable. Swagger 2.0 has no writeOnly: not checked.
import type { AuditCheck } from '../../check.js';
import { canBeText, isDateLike, isSecret, isWriteOnly, propertiesOf, propertyLabel } from './support/properties.js';

export const sensitiveNotWriteOnlyCheck: AuditCheck = {
  id: 'sensitive-data.sensitive-not-write-only',
  group: 'sensitive-data',
  title: 'Secret property not marked writeOnly',
  owasp: 'API3',
  asvs: [],
  severity: 'low',
  part: 'security',
  explanation: 'A password or secret property without `writeOnly: true` reads as data the API may return: a response that later reuses the schema, a generated client model or a mock server will expose it.',
  remediation: 'Mark password and secret properties `writeOnly: true`, so documentation, generators and response validation treat them as never returned.',
  run(api, report) {
    if (api.dialect === 'swagger-2.0') return;
    // Schemas used in responses are sensitive-data.secret-in-response's (high): not reported twice.
    const properties = propertiesOf(api, (property) => !property.owner.usage.response && isSecret(property));
    for (const property of properties) {
      const schema = property.schema.value;
      if (isWriteOnly(property) || !canBeText(schema) || isDateLike(schema)) continue;
      report(property.schema.at, `${propertyLabel(property)} is a secret and is not marked writeOnly`);
    }
  },
};
