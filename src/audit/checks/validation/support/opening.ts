// Where a finding about an open object (`additionalProperties` or `unevaluatedProperties` not false)
// is reported: at the keyword's value. For `true` or an inline schema that is the member of the
// object; for a `$ref`, the schema it names, which is where Spectral's OWASP rules report it too.
import type { NodeRef } from '../../../document.js';
import type { AuditApi, SchemaInfo } from '../../../model.js';

export interface OpeningSite {
  readonly at: NodeRef;
  /** Set when the value is a reference: the finding then sits at another schema's definition. */
  readonly referencedFrom?: string;
}

export function openingSite(api: AuditApi, info: SchemaInfo, keyword: 'additionalProperties' | 'unevaluatedProperties'): OpeningSite {
  const member = api.document.child(info.schema, keyword);
  if (member === undefined) return { at: info.schema.at };
  const target = api.document.deref(member);
  if (target === undefined || (target.at.pointer === member.at.pointer && target.at.file === member.at.file)) return { at: member.at };
  return { at: target.at, referencedFrom: member.at.pointer };
}
