// Credentials with a `default` (OWASP API2:2023, default credentials): a default is the value used when
// none is sent, so documentation, generated clients and some servers fill in a well-known secret.
import type { AuditCheck } from '../../check.js';
import { isCredentialName } from './support/names.js';
import { propertiesOf, propertyKeyword, propertyLabel } from './support/properties.js';

export const secretDefaultCheck: AuditCheck = {
  id: 'sensitive-data.secret-default',
  group: 'sensitive-data',
  title: 'Credential with a default value',
  owasp: 'API2',
  asvs: [],
  severity: 'high',
  part: 'security',
  explanation: 'A password, API key or token with a `default` is a published credential: clients and generated SDKs send it when the caller gives none, and a server that applies schema defaults accepts it.',
  remediation: 'Remove the `default` from credential parameters and properties; if a sample is useful for documentation, use an obviously fake `example` instead.',
  run(api, report) {
    const seen = new Set<string>();
    for (const operation of api.operations) {
      for (const parameter of operation.parameters) {
        const key = `${parameter.at.file}#${parameter.at.pointer}`;
        if (seen.has(key) || !isCredentialName(parameter.name)) continue;
        seen.add(key);
        const value = parameter.value.default ?? parameter.schema?.value.default;
        if (isSet(value)) report(parameter.at, `${operation.method.toUpperCase()} ${operation.path}: the ${parameter.in} parameter \`${parameter.name}\` has a default value`);
      }
    }
    for (const property of propertiesOf(api, (candidate) => isSet(propertyKeyword(candidate, 'default')) && isCredentialName(candidate.name))) {
      if (!seen.has(`${property.schema.at.file}#${property.schema.at.pointer}`)) report(property.schema.at, `${propertyLabel(property)} is a credential with a default value`);
    }
  },
};

function isSet(value: unknown): boolean {
  return (typeof value === 'string' && value.trim() !== '') || typeof value === 'number';
}
