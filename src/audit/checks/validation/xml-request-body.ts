// Operations that accept XML (OWASP API8:2023): an XML parser left with DTDs and external entities on
// reads local files and internal URLs for the client (XXE, CWE-611) and expands nested entities until
// memory runs out ("billion laughs", CWE-776). The description cannot say whether the parser is
// hardened, so every XML body is a point to verify.
import type { AuditCheck } from '../../check.js';
import { isObject } from '../../model.js';
import { operationLabel } from './support/labels.js';
import { firstTimeAt } from './support/once.js';

function isXml(mediaType: string): boolean {
  const type = (mediaType.split(';')[0] ?? '').trim().toLowerCase();
  return type === 'application/xml' || type === 'text/xml' || type.endsWith('+xml');
}

export const xmlRequestBodyCheck: AuditCheck = {
  id: 'validation.xml-request-body',
  group: 'validation',
  title: 'XML request body',
  owasp: 'API8',
  asvs: ['V5.5.2'],
  severity: 'low',
  part: 'security',
  explanation: 'An operation that parses XML from clients is exposed to external entity injection (XXE: file disclosure, SSRF) and entity expansion (denial of service) unless its parser refuses DTDs.',
  remediation: 'Accept JSON only where possible; otherwise configure the XML parser to reject DOCTYPE declarations and disable external entities and entity expansion, and limit document size and depth.',
  run(api, report) {
    const once = firstTimeAt();
    for (const operation of api.operations) {
      for (const media of operation.requestBody?.content ?? []) {
        if (!isXml(media.mediaType)) continue;
        // Swagger 2.0 form fields under an XML `consumes` are not an XML body.
        const node = api.document.get(media.at);
        if (api.dialect === 'swagger-2.0' && isObject(node) && node.in === 'formData') continue;
        if (once(media.at)) report(media.at, `${operationLabel(operation)} accepts \`${media.mediaType}\` request bodies: the XML parser must refuse DTDs and external entities`);
      }
    }
  },
};
