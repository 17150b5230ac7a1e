// Injection: server-side template injection (CWE-1336, OWASP WSTG-INPV-18). A value rendered as a
// template has its expressions evaluated: `{{1337*7}}` comes back as 9359. Unusual numbers between
// markers cannot be in the answer by chance, and a second product rules out a lucky echo.
import type { ScanCheck, ScanContext } from '../../check.js';
import type { InjectionPoint } from '../../requests/index.js';
import { appended, describePoint, inject, isTextPoint, pointsOf, sendVariant, successfulTargets, type InjectionTarget } from './injection-targets.js';

interface Syntax {
  readonly engines: string;
  readonly wrap: (expression: string) => string;
}

const SYNTAXES: readonly Syntax[] = [
  { engines: 'Jinja2, Twig, Nunjucks, Handlebars-like', wrap: (expression) => `{{${expression}}}` },
  { engines: 'FreeMarker, Spring EL, JavaScript template literals', wrap: (expression) => `\${${expression}}` },
  { engines: 'ERB, EJS', wrap: (expression) => `<%= ${expression} %>` },
  { engines: 'Ruby interpolation, Pug, Thymeleaf', wrap: (expression) => `#{${expression}}` },
  { engines: 'Razor', wrap: (expression) => `@(${expression})` },
];

/** Letters around the expression: the product must stand exactly where the payload was. */
const MARK = 'bwq';
const PROBES = [{ expression: '1337*7', product: '9359' }, { expression: '1337*9', product: '12033' }] as const;

const payloadOf = (syntax: Syntax, probe: (typeof PROBES)[number]): string => `${MARK}${syntax.wrap(probe.expression)}${MARK}`;
const renderedOf = (probe: (typeof PROBES)[number]): string => `${MARK}${probe.product}${MARK}`;

async function probePoint(context: ScanContext, target: InjectionTarget, point: InjectionPoint): Promise<boolean> {
  const baselineBody = target.baseline.response?.body ?? '';
  if (PROBES.some((probe) => baselineBody.includes(renderedOf(probe)))) return false;
  const send = (payload: string) => sendVariant(context, target, inject(target.built, point, appended(point, payload)));
  const [first, second] = PROBES;
  for (const syntax of SYNTAXES) {
    const attack = await send(payloadOf(syntax, first));
    if (!(attack.response?.body ?? '').includes(renderedOf(first))) continue;
    const again = await send(payloadOf(syntax, second));
    const isRepeated = (again.response?.body ?? '').includes(renderedOf(second));
    context.report({
      operation: target.operation,
      message: `Server-side template injection in ${describePoint(point)} (${syntax.engines} syntax): "${syntax.wrap(first.expression)}" was rendered as ${first.product}${isRepeated ? ` and "${syntax.wrap(second.expression)}" as ${second.product}` : `, but "${syntax.wrap(second.expression)}" was not evaluated`}.`,
      evidence: [target.baseline, attack, again],
      confidence: isRepeated ? 'confirmed' : 'tentative',
    });
    return true;
  }
  return false;
}

export const templateInjection: ScanCheck = {
  id: 'injection.template',
  category: 'INJECTION',
  title: 'Server-side template injection',
  severity: 'high',
  remediation: 'Never compile request values as templates: pass them as data to a fixed template, or render user-written templates in a logic-less, sandboxed engine that substitutes known variables only.',
  async run(context) {
    for (const target of await successfulTargets(context)) {
      for (const point of pointsOf(target.built, isTextPoint)) if (await probePoint(context, target, point)) break;
    }
  },
};
