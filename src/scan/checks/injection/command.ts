// Injection: OS command injection (CWE-78, OWASP WSTG-INPV-12) in text values that reach a shell.
// Output-based: `; id` makes the answer carry id's output. Time-based, for when the output is not
// shown: `; sleep 2` delays the answer, `; sleep 0` does not, and the delay happens again — one slow
// answer alone is never proof (a busy server is slow too).
import type { ScanCheck, ScanContext } from '../../check.js';
import type { Exchange } from '../../exchange.js';
import type { InjectionPoint } from '../../requests/index.js';
import { appended, describePoint, inject, isTextPoint, pointsOf, sendVariant, successfulTargets, type InjectionTarget } from './injection-targets.js';

/** The ways a value pasted into `sh -c "… $value …"` runs a second command: after it, piped, substituted. */
const SEPARATORS: readonly ((command: string) => string)[] = [
  (command) => `; ${command}`, (command) => `| ${command}`, (command) => `$(${command})`, (command) => `\`${command}\``,
];
/** id(1) output, anchored on its fixed words with bounded parts: `uid=33(www-data) gid=33(`. */
const ID_OUTPUT = /uid=\d{1,10}\([^()\s]{1,32}\) gid=\d{1,10}\(/;

const SLEEP_SECONDS = 2;
/** A delayed answer: most of the sleep, allowing for timer granularity. */
const DELAYED_MS = 1_800;
/** A fast answer, for the baseline and the `sleep 0` control. */
const FAST_MS = 1_000;
/** Room for the sleep on a slow network, above the usual per-request timeout's floor. */
const SLOW_TIMEOUT_MS = 6_000;
/** Delayed answers the check may wait for in a whole scan: each costs two seconds. */
const MAX_SLOW_ANSWERS = 12;

const durationOf = (exchange: Exchange): number => exchange.response?.durationMs ?? Number.POSITIVE_INFINITY;
const isDelayed = (exchange: Exchange): boolean => exchange.response !== undefined && exchange.response.durationMs >= DELAYED_MS;
const isFast = (exchange: Exchange): boolean => durationOf(exchange) < FAST_MS;

async function outputBased(context: ScanContext, target: InjectionTarget, point: InjectionPoint): Promise<boolean> {
  if (ID_OUTPUT.test(target.baseline.response?.body ?? '')) return false;
  for (const separator of SEPARATORS) {
    const attack = await sendVariant(context, target, inject(target.built, point, appended(point, separator('id'))));
    if (!ID_OUTPUT.test(attack.response?.body ?? '')) continue;
    context.report({
      operation: target.operation,
      message: `OS command injection in ${describePoint(point)}: appending "${separator('id')}" put the output of id (${ID_OUTPUT.exec(attack.response?.body ?? '')?.[0] ?? ''}…) in the answer.`,
      evidence: [target.baseline, attack],
      confidence: 'confirmed',
    });
    return true;
  }
  return false;
}

interface SlowBudget {
  spent: number;
}

async function timeBased(context: ScanContext, target: InjectionTarget, point: InjectionPoint, budget: SlowBudget): Promise<boolean> {
  if (!isFast(target.baseline)) return false;
  const send = (text: string): Promise<Exchange> => sendVariant(context, target, inject(target.built, point, appended(point, text)), SLOW_TIMEOUT_MS);
  for (const separator of SEPARATORS) {
    if (budget.spent >= MAX_SLOW_ANSWERS) return false;
    const first = await send(separator(`sleep ${SLEEP_SECONDS}`));
    if (!isDelayed(first)) continue;
    budget.spent++;
    const control = await send(separator('sleep 0'));
    // A slow control means the place is slow whatever it runs: nothing to learn from more sleeping.
    if (!isFast(control)) return false;
    const second = await send(separator(`sleep ${SLEEP_SECONDS}`));
    if (isDelayed(second)) budget.spent++;
    const timings = `${ms(first)} and ${ms(second)} with "${separator(`sleep ${SLEEP_SECONDS}`)}", ${ms(control)} with "${separator('sleep 0')}", ${ms(target.baseline)} for the valid request`;
    context.report({
      operation: target.operation,
      message: isDelayed(second)
        ? `OS command injection in ${describePoint(point)} (time-based): the answer was delayed by the injected sleep twice — ${timings}.`
        : `Possible OS command injection in ${describePoint(point)} (time-based): one delayed answer that did not repeat — ${timings}.`,
      evidence: [target.baseline, first, control, second],
      confidence: isDelayed(second) ? 'confirmed' : 'tentative',
    });
    return true;
  }
  return false;
}

const ms = (exchange: Exchange): string => `${String(Math.round(durationOf(exchange)))} ms`;

export const commandInjection: ScanCheck = {
  id: 'injection.command',
  category: 'INJECTION',
  title: 'OS command injection',
  severity: 'critical',
  remediation: 'Do not pass request values to a shell: call the program directly with an argument array (execFile / spawn without shell), validate the value against a strict pattern (a host name, an IP address), and put `--` before it so it cannot become an option.',
  async run(context) {
    const budget: SlowBudget = { spent: 0 };
    for (const target of await successfulTargets(context)) {
      // One finding per technique and operation.
      let isOutputDone = false;
      let isDelayDone = false;
      for (const point of pointsOf(target.built, isTextPoint)) {
        if (!isOutputDone) isOutputDone = await outputBased(context, target, point);
        if (!isDelayDone) isDelayDone = await timeBased(context, target, point, budget);
        if (isOutputDone && isDelayDone) break;
      }
    }
  },
};
