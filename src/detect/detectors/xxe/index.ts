// XML external entities and their relatives (OWASP XXE Prevention Cheat Sheet, CWE-611 / CWE-776):
// entity and DTD declarations that make a parser read files or URLs or multiply a document, XInclude,
// and XSLT that reaches outside the stylesheet. XML bodies arrive as fields per node plus the DOCTYPE;
// XML inside any other string (SOAP in a JSON value) is read whole, so every field is checked.
import type { Detection, ValueDetector } from '../../detector.js';
import type { InputField } from '../../field.js';
import { OWASP, type DetectionRule, type Paranoia } from '../../rule.js';
import { findDeclarationStart, scanDeclarations, type DeclarationScan } from './declarations.js';
import { CHAR } from '../../text-profile.js';

const rule = (id: string, title: string, severity: DetectionRule['severity'], paranoia: Paranoia): DetectionRule =>
  ({ id, attackClass: 'xxe', title, owasp: OWASP.injection, severity, paranoia });

export const XXE_RULES = {
  externalEntity: rule('xxe.external-entity', 'XML external entity declaration (SYSTEM / PUBLIC)', 'critical', 1),
  parameterEntity: rule('xxe.parameter-entity', 'XML parameter entity declaration (out-of-band XXE)', 'critical', 1),
  externalDtd: rule('xxe.external-dtd', 'DOCTYPE loading an external DTD', 'critical', 1),
  entityExpansion: rule('xxe.entity-expansion', 'XML entity expansion bomb (nested or oversized entities)', 'critical', 1),
  internalEntity: rule('xxe.internal-entity', 'Entity declared in an XML document', 'critical', 1),
  xinclude: rule('xxe.xinclude', 'XInclude in a request document', 'critical', 1),
  xslt: rule('xxe.xslt', 'XSLT reaching outside the stylesheet (system-property, document, unparsed-text)', 'critical', 1),
  entityDeclaration: rule('xxe.entity-declaration', 'Entity declaration inside text', 'medium', 2),
  doctype: rule('xxe.doctype', 'DOCTYPE declaration in a request', 'low', 2),
} as const;

const XINCLUDE_NAMESPACE = 'http://www.w3.org/2001/XInclude';
const XSLT_NAMESPACE_TAIL = 'XSL/Transform';
/** XSLT 1.0/2.0 functions and extensions that read files or URLs or run code (XSLT injection). */
const XSLT_REACH = ['system-property(', 'unparsed-text(', 'document(', 'php:function', 'msxsl:script', 'xalan/java', 'xsl:include', 'xsl:import'];

export const xxeDetector: ValueDetector = {
  name: 'xxe',
  // Every declaration, XInclude and stylesheet in a string starts with `<`. Attribute values of an XML
  // body come one by one: the XInclude namespace (`http://…`) has `/` and `:`, the XSLT functions `(`
  // or `:`, and an `xsl:include` / `xsl:import` href a `/`, `:` or `.` (`other.xsl`); an `xi:include`
  // element is only XInclude under that namespace declaration, which is caught on its own.
  triggers: CHAR.lessThan | CHAR.slash | CHAR.colon | CHAR.paren | CHAR.dot,
  rules: Object.values(XXE_RULES),
  detect(text, field, paranoia, found, profile) {
    if ((profile & CHAR.lessThan) !== 0) inspectMarkup(text, field, paranoia, found);
    if (field.source === 'xml' && field.location.indexOf('@') !== -1) inspectXmlAttribute(text, field, paranoia, found);
  },
};

function inspectMarkup(text: string, field: InputField, paranoia: Paranoia, found: Detection[]): void {
  // Cheap tests first, each on a character or word rare in rich text (`!`, `XInclude`, `xsl:`).
  if (findDeclarationStart(text, 0) !== -1) reportDeclarations(scanDeclarations(text), isDocumentLike(text, field), paranoia, found);
  const xinclude = text.indexOf('XInclude') === -1 ? -1 : text.indexOf(XINCLUDE_NAMESPACE);
  if (xinclude !== -1) report(found, XXE_RULES.xinclude, paranoia, around(text, xinclude));
  if (text.indexOf('xsl:') !== -1 || text.indexOf(XSLT_NAMESPACE_TAIL) !== -1) {
    const reach = findXsltReach(text);
    if (reach !== -1) report(found, XXE_RULES.xslt, paranoia, around(text, reach));
  }
}

function reportDeclarations(scan: DeclarationScan, isDocument: boolean, paranoia: Paranoia, found: Detection[]): void {
  const before = found.length;
  if (scan.externalEntity !== undefined) report(found, XXE_RULES.externalEntity, paranoia, scan.externalEntity);
  if (scan.parameterEntity !== undefined) report(found, XXE_RULES.parameterEntity, paranoia, scan.parameterEntity);
  if (scan.externalDtd !== undefined) report(found, XXE_RULES.externalDtd, paranoia, scan.externalDtd);
  if (scan.expansion !== undefined) report(found, XXE_RULES.entityExpansion, paranoia, scan.expansion);
  if (scan.internalEntity !== undefined) {
    // A parser honours declarations only in a document's prolog: an entity in prose (a DTD tutorial in a
    // comment) is not parsed as one, while a value that is a whole XML document is.
    report(found, isDocument ? XXE_RULES.internalEntity : XXE_RULES.entityDeclaration, paranoia, scan.internalEntity);
  }
  if (scan.doctype !== undefined && found.length === before) report(found, XXE_RULES.doctype, paranoia, scan.doctype);
}

/** Attribute values of an XML body: namespace declarations and XSLT `select` expressions come this way. */
function inspectXmlAttribute(text: string, field: InputField, paranoia: Paranoia, found: Detection[]): void {
  if (text.indexOf(XINCLUDE_NAMESPACE) !== -1 || field.location.indexOf('xi:include@') !== -1) {
    report(found, XXE_RULES.xinclude, paranoia, text);
  }
  if (field.location.indexOf('xsl:') !== -1) {
    const reach = findXsltReach(text);
    if (reach !== -1 || field.location.indexOf('xsl:include@') !== -1 || field.location.indexOf('xsl:import@') !== -1) {
      report(found, XXE_RULES.xslt, paranoia, text);
    }
  }
}

function findXsltReach(text: string): number {
  for (const needle of XSLT_REACH) {
    const at = text.indexOf(needle);
    if (at !== -1) return at;
  }
  return -1;
}

/** The value is an XML document: it comes from an XML body or starts with markup (after a BOM or spaces). */
function isDocumentLike(text: string, field: InputField): boolean {
  if (field.source === 'xml') return true;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === 60) return true;
    if (code !== 32 && code !== 9 && code !== 10 && code !== 13 && code !== 0xfeff) return false;
  }
  return false;
}

function around(text: string, at: number): string {
  const start = Math.max(0, at - 40);
  return text.slice(start, start + 120);
}

/** Pushes a match of a rule enabled at `paranoia`, once per call (`found` holds only this call's matches and others'). */
function report(found: Detection[], matched: DetectionRule, paranoia: Paranoia, fragment: string): void {
  if (matched.paranoia <= paranoia && !found.some((detection) => detection.rule === matched)) found.push({ rule: matched, fragment });
}
