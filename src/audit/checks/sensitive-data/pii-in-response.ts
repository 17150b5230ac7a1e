// Highly sensitive personal data returned in full (OWASP API3:2023): identity document and tax
// numbers, card numbers and card security codes (PCI DSS forbids storing the code at all, and allows
// at most the first six and last four digits of a card number to be shown), bank account numbers.
import type { AuditCheck } from '../../check.js';
import { isObject } from '../../model.js';
import { HIGHLY_SENSITIVE, PERSONAL_LABELS, mentionsMasking, personalKind } from './support/names.js';
import { isBooleanOnly, isWriteOnly, propertiesOf, propertyKeyword, propertyLabel, type PropertyInfo } from './support/properties.js';

export const piiInResponseCheck: AuditCheck = {
  id: 'sensitive-data.pii-in-response',
  group: 'sensitive-data',
  title: 'Sensitive personal data in a response',
  owasp: 'API3',
  asvs: [],
  severity: 'medium',
  part: 'security',
  explanation: 'Responses that return identity, tax, card or bank account numbers in full expose them to every client, log and cache that sees the response; most screens need only a masked form.',
  remediation: 'Return a masked or truncated value (`cardLast4`, `ssnMasked`) or a token instead, say so in the property\'s description, or drop the field from the response; never return card security codes.',
  run(api, report) {
    const highlySensitive = (name: string): boolean => {
      const kind = personalKind(name);
      return kind !== undefined && HIGHLY_SENSITIVE.has(kind);
    };
    for (const property of propertiesOf(api, (candidate) => candidate.owner.usage.response && highlySensitive(candidate.name))) {
      const kind = personalKind(property.name);
      if (kind === undefined) continue;
      if (isWriteOnly(property) || isBooleanOnly(property.schema.value) || isMasked(property)) continue;
      report(property.schema.at, `${propertyLabel(property)} returns ${PERSONAL_LABELS[kind]} with no sign of masking`);
    }
  },
};

/** The schema says the value is masked: in its description or title, a masking extension, or a length too short for the full value. */
function isMasked(property: PropertyInfo): boolean {
  for (const keyword of ['description', 'title']) {
    const text = propertyKeyword(property, keyword);
    if (typeof text === 'string' && mentionsMasking(text)) return true;
  }
  const maxLength = propertyKeyword(property, 'maxLength');
  if (typeof maxLength === 'number' && maxLength <= 4) return true;
  for (const node of [property.written.value, property.schema.value]) {
    if (!isObject(node)) continue;
    if (Object.keys(node).some((key) => key.startsWith('x-') && (key.includes('mask') || key.includes('redact')))) return true;
  }
  return false;
}
