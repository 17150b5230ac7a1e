// Log4Shell (CVE-2021-44228, CVE-2021-45046): JNDI lookups in any input a Java service may log, most
// often headers (User-Agent, X-Api-Version, Referer, X-Forwarded-For), with the nested-lookup evasions
// resolved by a small Log4j lookup evaluator, and the environment and system lookups used to carry
// secrets out in the same request.
import type { Detection, ValueDetector } from '../../detector.js';
import type { InputField } from '../../field.js';
import { OWASP, type DetectionRule, type Paranoia } from '../../rule.js';
import { evaluateLookups } from './lookups.js';
import { CHAR } from '../../text-profile.js';

const rule = (id: string, title: string, severity: DetectionRule['severity'], paranoia: DetectionRule['paranoia'] = 1): DetectionRule =>
  ({ id: `jndi.${id}`, attackClass: 'jndi', title, owasp: OWASP.components, severity, paranoia });

export const JNDI_LOOKUP = rule('lookup', 'Log4j JNDI lookup (${jndi:ldap://…}, Log4Shell)', 'critical');
export const OBFUSCATED_JNDI_LOOKUP = rule('obfuscated-lookup', 'Log4j JNDI lookup spelled with nested lookups (${${lower:j}ndi:…})', 'critical');
// Critical: the value asks the logger to write a secret or the host's details where the sender can read
// them back (CVE-2021-45046 without JNDI); nothing but Log4j configuration writes these lookups.
export const SENSITIVE_LOOKUP = rule('sensitive-lookup', 'Log4j lookup of secrets, system or runtime data (${env:AWS_SECRET_ACCESS_KEY}, ${sys:…})', 'critical');
export const ENVIRONMENT_LOOKUP = rule('environment-lookup', 'Log4j environment lookup (${env:…}; PowerShell writes the same)', 'medium', 2);
export const RECURSIVE_LOOKUP = rule('recursive-lookup', 'Log4j self-referential lookup (${${::-${::-$${::-j}}}}), a denial of service (CVE-2021-45105)', 'critical');
export const SPELLING_LOOKUP = rule('spelling-lookup', 'Log4j lookup that only spells characters (${lower:j}, ${::-n}), an evasion', 'high');

/** Longest text evaluated; a lookup further in is still found by the plain `${jndi:` search. */
const MAX_EVALUATED_LENGTH = 16_384;

export const jndiDetector: ValueDetector = {
  name: 'jndi',
  // Every rule needs a `${` lookup opening (the plain search and the evaluator alike), so `$` is necessary.
  triggers: CHAR.dollar,
  rules: [JNDI_LOOKUP, OBFUSCATED_JNDI_LOOKUP, SENSITIVE_LOOKUP, RECURSIVE_LOOKUP, SPELLING_LOOKUP, ENVIRONMENT_LOOKUP],
  detect(text: string, _field: InputField, paranoia: Paranoia, found: Detection[]): void {
    const opening = text.indexOf('${');
    if (opening === -1) return;
    const evaluated = text.length > MAX_EVALUATED_LENGTH ? text.slice(opening, opening + MAX_EVALUATED_LENGTH) : text;
    const findings = evaluateLookups(evaluated);
    let jndi = findings.jndi;
    let obfuscated = findings.obfuscatedJndi;
    if (jndi === undefined && obfuscated === undefined) {
      // An unclosed lookup (cut short by a length limit, or a probe) is still an attempt.
      const plain = findPlainJndi(text);
      if (plain !== undefined) jndi = plain;
      else obfuscated = findPlainJndi(findings.resolved);
    }
    if (jndi !== undefined) found.push({ rule: JNDI_LOOKUP, fragment: jndi });
    if (obfuscated !== undefined) found.push({ rule: OBFUSCATED_JNDI_LOOKUP, fragment: obfuscated });
    if (findings.sensitive !== undefined) found.push({ rule: SENSITIVE_LOOKUP, fragment: findings.sensitive });
    if (findings.recursive !== undefined) found.push({ rule: RECURSIVE_LOOKUP, fragment: findings.recursive });
    if (findings.spelling !== undefined) found.push({ rule: SPELLING_LOOKUP, fragment: findings.spelling });
    if (findings.environment !== undefined && paranoia >= ENVIRONMENT_LOOKUP.paranoia) found.push({ rule: ENVIRONMENT_LOOKUP, fragment: findings.environment });
  },
};

/** `${jndi:` in any letter case, as text (the fragment runs to the end of the lookup or 120 characters). */
function findPlainJndi(text: string): string | undefined {
  for (let index = text.indexOf('${'); index !== -1; index = text.indexOf('${', index + 2)) {
    if (!isJndiPrefix(text, index + 2)) continue;
    const close = text.indexOf('}', index);
    return text.slice(index, close === -1 ? index + 120 : Math.min(close + 1, index + 120));
  }
  return undefined;
}

function isJndiPrefix(text: string, at: number): boolean {
  return (text.charCodeAt(at) | 0x20) === 106 && (text.charCodeAt(at + 1) | 0x20) === 110
    && (text.charCodeAt(at + 2) | 0x20) === 100 && (text.charCodeAt(at + 3) | 0x20) === 105 && text.charCodeAt(at + 4) === 58;
}
