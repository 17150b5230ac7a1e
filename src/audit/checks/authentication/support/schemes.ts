// The security schemes of the document, once per definition: two names may reference one scheme
// (`$ref`), and a finding belongs to the definition, once.
import type { AuditApi, SecuritySchemeInfo } from '../../../model.js';
import { keyOf } from './path-items.js';

export function uniqueSchemes(api: AuditApi): SecuritySchemeInfo[] {
  const seen = new Set<string>();
  const schemes: SecuritySchemeInfo[] = [];
  for (const scheme of api.securitySchemes.values()) {
    if (seen.has(keyOf(scheme.at))) continue;
    seen.add(keyOf(scheme.at));
    schemes.push(scheme);
  }
  return schemes;
}
