// Element and attribute names the markup scanner weighs (HTML Living Standard, SVG 2, MathML, and the
// legacy ones browsers still parse), grouped by what they can do to a page.
import { nameTable, type NameTable } from './names.js';

/** Elements that load a plugin or document from an attribute: never part of rich text. */
export const PLUGIN_TAGS: ReadonlySet<string> = new Set(['object', 'embed', 'applet']);

/** Elements that change what the page loads or where forms go, but are not script by themselves. */
export const ACTIVE_TAGS: ReadonlySet<string> = new Set(['iframe', 'frame', 'frameset', 'form', 'style', 'link', 'meta', 'portal', 'isindex', 'base']);

/** Elements whose src or data renders a document, where an SVG data: URL runs its scripts. */
export const DOCUMENT_FRAMES: ReadonlySet<string> = new Set(['iframe', 'frame', 'object', 'embed', 'use', 'portal']);

/** Every element judged by name at paranoia 1 and 2 (script, plugins, active and framing elements). */
export const JUDGED_TAGS: NameTable = nameTable(['script', ...PLUGIN_TAGS, ...ACTIVE_TAGS, 'use']);

/** Elements whose text is not markup: closing one is how a payload escapes it (`</title><script>`). */
export const RAW_TEXT_TAGS: NameTable = nameTable(['script', 'title', 'textarea', 'style', 'noscript', 'xmp', 'iframe', 'noembed', 'noframes', 'template', 'plaintext']);

/** Attributes a browser follows or fetches as a URL, in HTML, SVG (animation targets) and MathML. */
export const URL_ATTRIBUTES: ReadonlySet<string> = new Set([
  'href', 'src', 'action', 'formaction', 'data', 'xlink:href', 'poster', 'background', 'lowsrc', 'dynsrc', 'codebase',
  'cite', 'longdesc', 'ping', 'manifest', 'icon', 'profile', 'usemap', 'archive', 'classid', 'folder', 'datasrc',
  'values', 'to', 'from', 'by', 'content', 'xml:base',
]);

/** Attributes judged by name besides URL attributes and handlers. */
export const JUDGED_ATTRIBUTES: NameTable = nameTable([...URL_ATTRIBUTES, 'style', 'srcdoc', 'http-equiv', 'rel']);

/** URL attributes holding a list (`values="a;javascript:..."`) or a refresh (`content="0;url=javascript:..."`). */
export const URL_LIST_ATTRIBUTES: ReadonlySet<string> = new Set(['values', 'content']);

/** Prefixes of attributes that client-side frameworks evaluate as code (AngularJS, Vue, Alpine.js, htmx). */
export const FRAMEWORK_ATTRIBUTE_PREFIXES = ['ng-', 'data-ng-', 'v-', 'x-', '@', ':', 'hx-on'];

/** What rich-text editors and markdown renderers emit; anything else is reported at paranoia 3. */
export const RICH_TEXT_TAGS: ReadonlySet<string> = new Set([
  'a', 'abbr', 'acronym', 'address', 'article', 'aside', 'b', 'bdi', 'bdo', 'big', 'blockquote', 'body', 'br', 'caption',
  'center', 'cite', 'code', 'col', 'colgroup', 'data', 'dd', 'del', 'details', 'dfn', 'div', 'dl', 'dt', 'em', 'figcaption',
  'figure', 'font', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'head', 'header', 'hr', 'html', 'i', 'img', 'ins', 'kbd',
  'label', 'li', 'main', 'mark', 'nav', 'ol', 'p', 'picture', 'pre', 'q', 'rp', 'rt', 'ruby', 's', 'samp', 'section',
  'small', 'source', 'span', 'strike', 'strong', 'sub', 'summary', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th',
  'thead', 'time', 'tr', 'tt', 'u', 'ul', 'var', 'wbr',
]);

/** Whether a lowercased tag name looks like an element (letters, digits, hyphens), not `<john@example.com>`. */
export function isElementName(name: string): boolean {
  for (let index = 0; index < name.length; index++) {
    const code = name.charCodeAt(index);
    if (!((code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 45 || code === 58)) return false;
  }
  return name.length > 0;
}
