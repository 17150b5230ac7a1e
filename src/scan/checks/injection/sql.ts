// Injection: SQL injection (CWE-89, OWASP WSTG-INPV-05) in path, query and body values. Error-based:
// a quote makes the answer show a database error the valid request did not. Boolean-based (reads
// only): a true condition widens the answer and a false one does not, twice over (sql-boolean.ts).
import type { ScanCheck, ScanContext } from '../../check.js';
import type { InjectionPoint } from '../../requests/index.js';
import { sqlErrorIn } from '../response-signs.js';
import { appended, describePoint, inject, isIntegerPoint, isTextPoint, pointsOf, sendVariant, successfulTargets, type InjectionTarget } from './injection-targets.js';
import { booleanProof } from './sql-boolean.js';

/** A lone quote ends a string literal; `'"` also ends one MySQL quotes with `"` (its default, without ANSI_QUOTES). */
const ERROR_SUFFIXES = ["'", `'"`] as const;

async function errorBased(context: ScanContext, target: InjectionTarget, point: InjectionPoint): Promise<boolean> {
  if (sqlErrorIn(target.baseline.response?.body ?? '') !== undefined) return false;
  for (const suffix of ERROR_SUFFIXES) {
    const attack = await sendVariant(context, target, inject(target.built, point, appended(point, suffix)));
    const engine = sqlErrorIn(attack.response?.body ?? '');
    if (engine === undefined) continue;
    context.report({
      operation: target.operation,
      message: `Error-based SQL injection in ${describePoint(point)}: appending ${suffix} got an answer with a ${engine} syntax error (status ${String(attack.response?.status)}) that the valid request did not.`,
      evidence: [target.baseline, attack],
      confidence: 'confirmed',
    });
    return true;
  }
  return false;
}

async function booleanBased(context: ScanContext, target: InjectionTarget, point: InjectionPoint): Promise<boolean> {
  const proof = await booleanProof(context, target, point);
  if (proof === undefined) return false;
  context.report({
    operation: target.operation,
    message: `Boolean-based SQL injection in ${describePoint(point)}: "${proof.pair.whenTrue}" widened the answer and "${proof.pair.whenFalse}" did not, the same way twice.`,
    evidence: [target.baseline, ...proof.exchanges],
    confidence: 'confirmed',
  });
  return true;
}

export const sqlInjection: ScanCheck = {
  id: 'injection.sql',
  category: 'INJECTION',
  title: 'SQL injection',
  severity: 'critical',
  remediation: 'Pass every value to the database as a bound parameter (prepared statements, or a query builder that binds), never by string concatenation; validate input against the documented schema and answer database errors with a generic problem document.',
  async run(context) {
    for (const target of await successfulTargets(context)) {
      // One finding per technique and operation. An injected `OR` in a write could change every
      // row: the boolean test is for reads only.
      let isErrorDone = false;
      let isBooleanDone = target.operation.method !== 'GET';
      for (const point of pointsOf(target.built, (p) => isTextPoint(p) || isIntegerPoint(p))) {
        if (!isErrorDone) isErrorDone = await errorBased(context, target, point);
        if (!isBooleanDone) isBooleanDone = await booleanBased(context, target, point);
        if (isErrorDone && isBooleanDone) break;
      }
    }
  },
};
