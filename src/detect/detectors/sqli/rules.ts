// The SQL injection rules (OWASP WSTG-INPV-05, CWE-89), in the order the analysis indexes them.
import { OWASP, type DetectionRule, type Paranoia } from '../../rule.js';

const rule = (id: string, title: string, severity: DetectionRule['severity'], paranoia: Paranoia): DetectionRule =>
  ({ id, attackClass: 'sqli', title, owasp: OWASP.injection, severity, paranoia });

export const SQLI_RULES = {
  unionSelect: rule('sqli.union-select', 'UNION SELECT appends a query of the attacker\'s', 'critical', 1),
  tautology: rule('sqli.tautology', 'Breakout followed by an always-true or always-false condition', 'critical', 1),
  blindBoolean: rule('sqli.blind-boolean', 'Breakout followed by a condition testing data through functions or a subquery', 'critical', 1),
  stackedQuery: rule('sqli.stacked-query', 'Stacked statement or command execution (; DROP, EXEC xp_cmdshell, SHUTDOWN)', 'critical', 1),
  timeBased: rule('sqli.time-based', 'Delay function in SQL (SLEEP, BENCHMARK, PG_SLEEP, WAITFOR DELAY ...)', 'critical', 1),
  errorBased: rule('sqli.error-based', 'Function whose error leaks data (EXTRACTVALUE, UPDATEXML, CONVERT ...)', 'critical', 1),
  commentTruncation: rule('sqli.comment-truncation', 'String breakout followed by a comment that cuts off the query', 'critical', 1),
  orderByProbe: rule('sqli.order-by-probe', 'ORDER BY / GROUP BY column probing after a breakout', 'critical', 1),
  fileAccess: rule('sqli.file-access', 'File or network access from SQL (LOAD_FILE, INTO OUTFILE, xp_dirtree ...)', 'critical', 1),
  systemObjects: rule('sqli.system-objects', 'System catalog, version or user read inside injected SQL', 'critical', 1),
  fingerprintGeneric: rule('sqli.fingerprint-generic', 'Breakout followed by SQL that parses but proves less', 'high', 2),
  jsonOperator: rule('sqli.json-operator', 'JSON operator applied to a literal path (PostgreSQL, MySQL)', 'medium', 2),
  systemObjectMention: rule('sqli.system-object-mention', 'System catalog, variable or procedure named', 'medium', 3),
  statementText: rule('sqli.statement-text', 'A complete SQL statement in a value', 'medium', 3),
} as const;

/** Every rule, indexed as the analysis reports them. */
export const SQLI_RULE_LIST: readonly DetectionRule[] = Object.values(SQLI_RULES);
export const ruleIndex = (matched: DetectionRule): number => SQLI_RULE_LIST.indexOf(matched);
