// Request bodies with no schema: nothing in the description says what the API accepts, so no gateway,
// contract test or generated validator can reject anything (ASVS V13.2.2). Raw binary media types
// (images, octet-stream, PDF...) are left alone: OpenAPI 3.1 describes them without a schema.
import type { AuditCheck } from '../../check.js';
import { isObject } from '../../model.js';
import { operationLabel } from './support/labels.js';
import { firstTimeAt } from './support/once.js';

/** Media types whose content a schema can describe: JSON, XML, YAML, forms and text. */
function isStructured(mediaType: string): boolean {
  const type = mediaType.toLowerCase();
  return type.includes('json') || type.includes('xml') || type.includes('yaml') || type.startsWith('application/x-www-form-urlencoded')
    || type.startsWith('multipart/') || type.startsWith('text/') || type.startsWith('*/*');
}

export const missingRequestBodySchemaCheck: AuditCheck = {
  id: 'validation.missing-request-body-schema',
  group: 'validation',
  title: 'Request body without schema',
  owasp: 'API8',
  asvs: ['V5.1.3', 'V13.2.2'],
  severity: 'medium',
  part: 'validation',
  explanation: 'A request body with no schema (or no media type at all) gives validators nothing to enforce: any payload of any size and shape reaches the implementation.',
  remediation: 'Give every request body media type a schema that lists the accepted properties with their types and limits (Swagger 2.0: a `schema` on the body parameter).',
  run(api, report) {
    const once = firstTimeAt();
    for (const operation of api.operations) {
      const body = operation.requestBody;
      if (body === undefined) continue;
      const label = operationLabel(operation);
      if (api.dialect === 'swagger-2.0') {
        const parameter = api.document.get(body.at);
        // Form fields are parameters with their own types: parameter-without-schema reads them.
        if (!isObject(parameter) || parameter.in !== 'body' || parameter.schema !== undefined) continue;
        if (once(body.at)) report(body.at, `${label}: the body parameter \`${String(parameter.name)}\` has no schema`);
        continue;
      }
      if (body.content.length === 0) {
        if (once(body.at)) report(body.at, `${label}: the request body has no media type and no schema`);
        continue;
      }
      for (const media of body.content) {
        if (media.schema !== undefined || !isStructured(media.mediaType)) continue;
        // A `schema` whose reference cannot be followed is the broken-reference check's finding.
        const raw = api.document.get(media.at);
        if (isObject(raw) && raw.schema !== undefined) continue;
        if (once(media.at)) report(media.at, `${label}: the request body media type \`${media.mediaType}\` has no schema`);
      }
    }
  },
};
