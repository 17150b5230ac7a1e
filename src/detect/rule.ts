// The vocabulary of detection rules: what attack a rule names, how sure and how severe it is, and the
// paranoia level that enables it (CRS's scheme: 1 is on by default, 2-4 add rules that catch more and
// risk more false positives).

export type AttackClass =
  | 'sqli'
  | 'xss'
  | 'cmdi'
  | 'lfi'
  | 'rfi'
  | 'ssrf'
  | 'xxe'
  | 'nosqli'
  | 'ssti'
  | 'ldapi'
  | 'crlf'
  | 'ssi'
  | 'mail'
  | 'prototype-pollution'
  | 'jndi'
  | 'shellshock'
  | 'protocol';

export type Paranoia = 1 | 2 | 3 | 4;

/** How bad a match is; also its anomaly score (see SEVERITY_SCORE). */
export type RuleSeverity = 'critical' | 'high' | 'medium' | 'low';

/**
 * Anomaly score per severity (CRS's values): with the default threshold of 5 one critical match
 * blocks, while lesser matches must add up across rules or locations.
 */
export const SEVERITY_SCORE: Readonly<Record<RuleSeverity, number>> = { critical: 5, high: 4, medium: 3, low: 2 };

/** OWASP categories the rules cite: the web Top 10 (2021) for the attack, the API Top 10 (2023) where one fits. */
export const OWASP = {
  injection: 'A03:2021 Injection',
  ssrf: 'A10:2021 SSRF; API7:2023 Server Side Request Forgery',
  misconfiguration: 'A05:2021 Security Misconfiguration; API8:2023 Security Misconfiguration',
  integrity: 'A08:2021 Software and Data Integrity Failures',
  components: 'A06:2021 Vulnerable and Outdated Components',
} as const;

export interface DetectionRule {
  /** Stable id, `<class>.<what>` (e.g. `sqli.union-select`); listed in docs/errors.md. */
  readonly id: string;
  readonly attackClass: AttackClass;
  /** One line for people: what the rule matched. */
  readonly title: string;
  readonly owasp: string;
  readonly severity: RuleSeverity;
  readonly paranoia: Paranoia;
}
