// Strings with no upper length (OWASP API4:2023): a field that takes a megabyte where a name takes 100
// characters is a cheap way to load the parser, the database and the logs.
import type { AuditCheck } from '../../check.js';
import { everySchema } from './support/all-schemas.js';
import { schemaLabel, usageNote } from './support/labels.js';
import { allows, isEnumerated } from './support/schema-facts.js';

/** Formats whose values are file or encoded content: the limit is then the upload size. */
const CONTENT_FORMATS = new Set(['binary', 'byte', 'base64']);

export const stringMaxLengthCheck: AuditCheck = {
  id: 'validation.string-max-length',
  group: 'validation',
  title: 'String without maxLength',
  owasp: 'API4',
  asvs: ['V5.1.4'],
  severity: 'medium',
  part: 'validation',
  explanation: 'A string schema with no maxLength, enum or const accepts values of any length, so one request can make the API parse, store and log arbitrarily large data.',
  remediation: 'Give every string a maxLength that fits its purpose (an enum or const where the values are fixed); for binary or base64 content set maxLength to the largest accepted size.',
  covers: ['owasp:api4:2023-string-limit'],
  run(api, report) {
    for (const info of everySchema(api)) {
      const schema = info.schema.value;
      // Spectral counts maxLength when it is written at all; a maxLength that is not a number limits nothing.
      if (!allows(schema, 'string') || typeof schema.maxLength === 'number' || isEnumerated(schema)) continue;
      const format = typeof schema.format === 'string' ? schema.format.toLowerCase() : '';
      const hint = CONTENT_FORMATS.has(format) ? ` (format ${format}: the limit is the largest content accepted)` : '';
      const what = schema.maxLength === undefined ? 'no maxLength, enum or const' : 'a maxLength that is not a number, and no enum or const';
      report(info.schema.at, `${schemaLabel(api, info)} is a string with ${what}${hint}${usageNote(info)}`);
    }
  },
};
