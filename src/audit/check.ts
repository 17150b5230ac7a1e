// The shape of an audit check: one unit per file under checks/<group>/, listed in checks/registry.ts.
// A check reads the document through the model (model.ts) and reports locations; severity, title,
// OWASP category, explanation and remediation are the check's own, so every finding of one check
// reads the same in every report format.
import type { NodeRef } from './document.js';
import type { AuditApi } from './model.js';

export type AuditSeverity = 'critical' | 'high' | 'medium' | 'low' | 'info';
export const AUDIT_SEVERITIES: readonly AuditSeverity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** The OWASP API Security Top 10 2023 categories. */
export const OWASP_API = {
  API1: 'API1:2023 Broken Object Level Authorization',
  API2: 'API2:2023 Broken Authentication',
  API3: 'API3:2023 Broken Object Property Level Authorization',
  API4: 'API4:2023 Unrestricted Resource Consumption',
  API5: 'API5:2023 Broken Function Level Authorization',
  API6: 'API6:2023 Unrestricted Access to Sensitive Business Flows',
  API7: 'API7:2023 Server Side Request Forgery',
  API8: 'API8:2023 Security Misconfiguration',
  API9: 'API9:2023 Improper Inventory Management',
  API10: 'API10:2023 Unsafe Consumption of APIs',
} as const;
export type OwaspApiCategory = keyof typeof OWASP_API;

/** Which half of the score a check weighs on (see score.ts). */
export type ScorePart = 'security' | 'validation';

/** The group a check belongs to: its folder under checks/, and the heading it is reported under. */
export type CheckGroup = 'authentication' | 'authorization' | 'validation' | 'transport' | 'errors-limits' | 'sensitive-data' | 'cors' | 'inventory' | 'hygiene';

export interface AuditCheck {
  /** `<group>.<name>`, stable: configuration, `x-bulwark-ignore` and CI baselines name checks by it. */
  readonly id: string;
  readonly group: CheckGroup;
  readonly title: string;
  readonly owasp: OwaspApiCategory;
  /** OWASP ASVS 4.0.3 requirements the check supports (`V13.1.3`), where one applies. */
  readonly asvs: readonly string[];
  readonly severity: AuditSeverity;
  readonly part: ScorePart;
  /** Why it matters: one or two sentences, shown with every finding. */
  readonly explanation: string;
  /** What to change in the document or the API. */
  readonly remediation: string;
  /**
   * Rules of other tools this check includes, by their ids (`owasp:api2:2023-no-http-basic` of the
   * Spectral OWASP ruleset): the superset test holds the check to report wherever those rules do.
   */
  readonly covers?: readonly string[];
  /** Reports every place the document fails the check. Pure: the same document gives the same findings. */
  run(api: AuditApi, report: Reporter): void;
}

/**
 * Reports one finding at `at` (the node at fault; for something missing, the node that should hold
 * it). `message` says what exactly is wrong there (`the string property \`name\` has no maxLength`).
 */
export type Reporter = (at: NodeRef, message: string) => void;
