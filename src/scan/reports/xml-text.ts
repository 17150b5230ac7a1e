// Text inside XML (JUnit) written so any parser accepts it: markup characters escaped, and the
// characters XML 1.0 cannot carry at all, even escaped, replaced.

/** XML 1.0 (§2.2) forbids these, and a CI report parser rejects the whole file for one of them. */
// eslint-disable-next-line no-control-regex -- removing the characters XML forbids is the point
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Element content. */
export function xmlText(value: string): string {
  return value.replace(XML_FORBIDDEN, '\ufffd').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A double-quoted attribute value; line breaks and tabs as references, which attribute normalisation would turn into spaces. */
export function xmlAttribute(value: string): string {
  return xmlText(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
