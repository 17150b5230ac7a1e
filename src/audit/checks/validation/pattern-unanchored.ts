// Request patterns that do not anchor (input validation, ASVS V5.1.3): JSON Schema's `pattern` matches
// anywhere in the value, so `[a-z]+` accepts `<script>a` and `^a|b$` accepts anything ending in b. A
// pattern only restricts the whole value when each of its top-level alternatives starts with ^ and
// ends with $. The pattern is read character by character; no regular expression is built from it.
import type { AuditCheck } from '../../check.js';
import { everySchema } from './support/all-schemas.js';
import { schemaLabel } from './support/labels.js';

const SHOWN_LENGTH = 60;

/** The top-level alternatives of a pattern (split at `|` outside groups and classes). */
export function topLevelAlternatives(pattern: string): string[] {
  const alternatives: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern.charAt(index);
    if (char === '\\') {
      index++;
    } else if (inClass) {
      if (char === ']') inClass = false;
    } else if (char === '[') {
      inClass = true;
    } else if (char === '(') {
      depth++;
    } else if (char === ')') {
      depth = Math.max(0, depth - 1);
    } else if (char === '|' && depth === 0) {
      alternatives.push(pattern.slice(start, index));
      start = index + 1;
    }
  }
  alternatives.push(pattern.slice(start));
  return alternatives;
}

/** Whether `text` ends with a `$` that is not escaped (an even number of backslashes before it). */
function endsWithAnchor(text: string): boolean {
  if (!text.endsWith('$')) return false;
  let backslashes = 0;
  for (let index = text.length - 2; index >= 0 && text.charAt(index) === '\\'; index--) backslashes++;
  return backslashes % 2 === 0;
}

export function isAnchored(pattern: string): boolean {
  return topLevelAlternatives(pattern).every((alternative) => alternative.startsWith('^') && endsWithAnchor(alternative));
}

export const patternUnanchoredCheck: AuditCheck = {
  id: 'validation.pattern-unanchored',
  group: 'validation',
  title: 'Request pattern not anchored',
  owasp: 'API8',
  asvs: ['V5.1.3'],
  severity: 'low',
  part: 'validation',
  explanation: 'A JSON Schema pattern matches anywhere in the value unless it is anchored, so a pattern without ^ and $ (or with an alternation outside them) lets through values that merely contain an allowed part.',
  remediation: 'Anchor every pattern at both ends and group alternatives inside the anchors: ^(?:abc|def)$ rather than ^abc|def$.',
  run(api, report) {
    for (const info of everySchema(api)) {
      const pattern = info.schema.value.pattern;
      if (!info.usage.request || typeof pattern !== 'string' || isAnchored(pattern)) continue;
      const shown = pattern.length > SHOWN_LENGTH ? `${pattern.slice(0, SHOWN_LENGTH)}...` : pattern;
      const why = topLevelAlternatives(pattern).length > 1 ? 'has alternatives that are not each anchored with ^ and $' : 'is not anchored with ^ and $';
      report(info.schema.at, `${schemaLabel(api, info)}: the pattern \`${shown}\` ${why}, so it matches anywhere in the value`);
    }
  },
};
