// Prototype pollution (CWE-1321; Snyk and PortSwigger research on server-side pollution): keys and
// parameter names that reach Object.prototype through a deep merge, `_.set` or a qs-style parser
// (`{"__proto__": {"isAdmin": true}}`, `constructor[prototype][isAdmin]=1`). Names count at
// paranoia 1, also when built to survive a filter that deletes the word once (`__pro__proto__to__`); the
// same words in a value count only when written as structure or as a whole property path
// (`a.__proto__.b`), prose from paranoia 3.
import type { Detection, ValueDetector } from '../../detector.js';
import type { InputField } from '../../field.js';
import { OWASP, type DetectionRule, type Paranoia } from '../../rule.js';
import { findConstructorPrototype, findPathPollution, findSegment, findStructuredPollution, stripMagicWordsOnce } from './paths.js';
import { ANY_CHAR, CHAR } from '../../text-profile.js';

const rule = (id: string, title: string, severity: DetectionRule['severity'], paranoia: Paranoia): DetectionRule =>
  ({ id, attackClass: 'prototype-pollution', title, owasp: OWASP.injection, severity, paranoia });

export const PROTOTYPE_POLLUTION_RULES = {
  protoName: rule('prototype-pollution.proto-name', '__proto__ as a key or parameter name segment', 'critical', 1),
  constructorPrototype: rule('prototype-pollution.constructor-prototype', 'constructor.prototype as a key path', 'critical', 1),
  accessorName: rule('prototype-pollution.accessor-name', 'Legacy accessor method (__defineGetter__ ...) as a key', 'critical', 1),
  structuredValue: rule('prototype-pollution.structured-value', '__proto__ or constructor.prototype as a key inside a value', 'critical', 1),
  mention: rule('prototype-pollution.mention', 'Prototype property named in a value', 'medium', 3),
} as const;

/** Object.prototype's legacy accessor methods: overwriting them through a merge breaks or hijacks every object. */
const ACCESSORS = ['__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__'];
const MENTIONS = ['__proto__', 'constructor.prototype', 'constructor[prototype]', ...ACCESSORS];

export const prototypePollutionDetector: ValueDetector = {
  name: 'prototype-pollution',
  // XML element names reach this detector only in a value's location (`body.xml./root/__proto__/x`):
  // a value of any characters under such an element counts, so no character of the text is necessary.
  // The quick tests below read the profile instead.
  triggers: ANY_CHAR,
  rules: Object.values(PROTOTYPE_POLLUTION_RULES),
  // A key that is, or a strip-once filter turns into, `prototype` counts under a `constructor` parent.
  keyDependsOnLocation: (key) => key === PROTOTYPE || stripMagicWordsOnce(key).includes(PROTOTYPE),
  detect(text, field, paranoia, found, profile) {
    if (field.isName) {
      if (mayBeMagicName(text, profile)) inspectName(text, field, paranoia, found);
      return;
    }
    // XML element names reach a converter (xml2js and the like) as keys but arrive here only in the location.
    if (field.source === 'xml' && field.location.indexOf('__proto__') !== -1 && findSegment(field.location, '__proto__') !== -1) {
      report(found, PROTOTYPE_POLLUTION_RULES.protoName, paranoia, field.location);
    }
    if (text.length >= PROTO.length && (profile & VALUE_NEEDS) !== 0) inspectValue(text, paranoia, found, profile);
  },
};

const PROTO = '__proto__';
const PROTOTYPE = 'prototype';
/** `constructor` … `prototype` as structure or a path: a bracket, dot or quote between the words. */
const PATH_MARKS = CHAR.bracket | CHAR.dot | CHAR.doubleQuote | CHAR.singleQuote;
/** Any rule on a value: `__proto__` (and every mention but `constructor.prototype`) needs `_`. */
const VALUE_NEEDS = CHAR.underscore | PATH_MARKS;
/** Characters that separate path segments in a name (see paths.ts isDelimiter). */
const NAME_DELIMITERS = CHAR.bracket | CHAR.dot | CHAR.doubleQuote | CHAR.singleQuote | CHAR.slash | CHAR.other | CHAR.hash;

/**
 * The cheap test for a name: every magic name holds `__`, or `prototype`. A name of one segment without
 * `_` can only be `prototype` itself (a JSON key under `constructor`), also with copies of the word
 * nested in it to survive a strip-once filter: either way it ends in `e`.
 */
function mayBeMagicName(name: string, profile: number): boolean {
  if ((profile & CHAR.underscore) !== 0) return true;
  if (name.length < 9) return false;
  if ((profile & NAME_DELIMITERS) === 0 && name.charCodeAt(name.length - 1) !== 101 /* e */) return false;
  return name.indexOf('prototype') !== -1;
}

function inspectName(name: string, field: InputField, paranoia: Paranoia, found: Detection[]): void {
  const hasUnderscores = name.indexOf('__') !== -1;
  if (hasUnderscores && findSegment(name, PROTO) !== -1) report(found, PROTOTYPE_POLLUTION_RULES.protoName, paranoia, name);
  // A JSON key is one segment: its parents are in the location (`body.$.constructor.prototype#name`).
  if (findConstructorPrototype(name) !== -1 || (name === 'prototype' && findConstructorPrototype(field.location) !== -1)) {
    report(found, PROTOTYPE_POLLUTION_RULES.constructorPrototype, paranoia, name === 'prototype' ? field.location : name);
  }
  if (hasUnderscores && ACCESSORS.some((accessor) => findSegment(name, accessor) !== -1)) report(found, PROTOTYPE_POLLUTION_RULES.accessorName, paranoia, name);
  // `__pro__proto__to__`: a filter that deletes the word once (not until none is left) rebuilds it.
  if (found.some((detection) => isNameRule(detection.rule))) return;
  for (const stripped of stripMagicWordsOnce(name)) {
    if (findSegment(stripped, PROTO) !== -1) report(found, PROTOTYPE_POLLUTION_RULES.protoName, paranoia, name);
    if (findConstructorPrototype(stripped) !== -1 || (stripped === 'prototype' && findConstructorPrototype(withName(field.location, name, stripped)) !== -1)) {
      report(found, PROTOTYPE_POLLUTION_RULES.constructorPrototype, paranoia, name);
    }
  }
}

/** The location with its own (last) `name` replaced: where the filtered key would sit. */
function withName(location: string, name: string, replacement: string): string {
  const at = location.lastIndexOf(name);
  return at === -1 ? location : location.slice(0, at) + replacement + location.slice(at + name.length);
}

function isNameRule(rule: DetectionRule): boolean {
  return rule === PROTOTYPE_POLLUTION_RULES.protoName || rule === PROTOTYPE_POLLUTION_RULES.constructorPrototype;
}

function inspectValue(text: string, paranoia: Paranoia, found: Detection[], profile: number): void {
  // Both words are rare: one native search each rules out nearly every value before the grammar runs.
  const hasWords = ((profile & CHAR.underscore) !== 0 && text.indexOf(PROTO) !== -1)
    || ((profile & PATH_MARKS) !== 0 && text.indexOf('constructor') !== -1 && text.indexOf('prototype') !== -1);
  if (!hasWords) {
    if (paranoia >= 3) reportMention(text, paranoia, found);
    return;
  }
  const structured = findStructuredPollution(text);
  if (structured !== -1) return report(found, PROTOTYPE_POLLUTION_RULES.structuredValue, paranoia, text.slice(Math.max(0, structured - 2), structured + 60));
  // A whole value that is a property path (`a.__proto__.b`, `x[constructor][prototype]`), as handed to
  // `_.set`, `dot-prop` or a JSON-patch `path`.
  const inPath = findPathPollution(text);
  if (inPath !== -1) return report(found, PROTOTYPE_POLLUTION_RULES.structuredValue, paranoia, text.slice(0, 120));
  if (paranoia >= 3) reportMention(text, paranoia, found);
}

function reportMention(text: string, paranoia: Paranoia, found: Detection[]): void {
  if (text.indexOf('__') === -1 && text.indexOf('prototype') === -1) return;
  for (const mention of MENTIONS) {
    const at = text.indexOf(mention);
    if (at !== -1) return report(found, PROTOTYPE_POLLUTION_RULES.mention, paranoia, text.slice(at, at + 60));
  }
}

/** Pushes a match of a rule enabled at `paranoia`, once per call. */
function report(found: Detection[], matched: DetectionRule, paranoia: Paranoia, fragment: string): void {
  if (matched.paranoia <= paranoia && !found.some((detection) => detection.rule === matched)) found.push({ rule: matched, fragment });
}
