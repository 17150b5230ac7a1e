// Judging one template expression (the text between delimiters): code execution, object traversal, an
// arithmetic probe, or, at higher paranoia, an engine object, a directive or any call. Each judgement
// reads the body once per token; bodies never overlap (see regions.ts), so a text costs linear time.
import { CALLBACK_FILTERS, DIRECTIVES, ENGINE_OBJECTS, EXECUTION, FREEMARKER_DIRECTIVES, PHP_CALLABLES, TRAVERSAL } from './gadgets.js';
import { isArithmeticProbe } from './probe.js';
import { SSTI_RULES, report, type SstiScan } from './rules.js';

/** What opened the expression, for the few judgements that depend on the engine. */
export type Delimiter = 'mustache' | 'statement' | 'dollar' | 'hash' | 'thymeleaf' | 'ognl' | 'erb' | 'freemarker' | 'velocity' | 'razor' | 'smarty' | 'reference';

/** Judges text[start, end) opened by `delimiter` at `open`; reports at most the most telling rule per body. */
export function judgeExpression(scan: SstiScan, delimiter: Delimiter, open: number, start: number, end: number): void {
  if (delimiter !== 'reference' && delimiter !== 'velocity' && delimiter !== 'statement' && isArithmeticProbe(scan.text, start, end)) {
    return report(scan, SSTI_RULES.expressionProbe, open, end + 2);
  }
  const body = scan.text.slice(start, end).toLowerCase();
  if (isExecution(body, delimiter)) return report(scan, SSTI_RULES.codeExecution, open, end + 2);
  if (isTraversal(body, delimiter)) return report(scan, SSTI_RULES.objectTraversal, open, end + 2);
  if (scan.paranoia < 2) return;
  if (isDirective(body, delimiter)) return report(scan, SSTI_RULES.directive, open, end + 2);
  if (body.includes('(') || body.includes('[')) report(scan, SSTI_RULES.genericExpression, open, end + 2);
}

function isExecution(body: string, delimiter: Delimiter): boolean {
  if (EXECUTION.some((token) => includesWord(body, token)) || hasTypeLocator(body)) return true;
  // Smarty's {php} runs PHP; a backtick in ERB or Smarty runs a shell command.
  if (delimiter === 'smarty' && (body.startsWith('php') || body.startsWith('/php'))) return true;
  if ((delimiter === 'erb' || delimiter === 'smarty') && body.includes('`')) return true;
  if (startsWithBareImport(body)) return true;
  return CALLBACK_FILTERS.some((filter) => body.includes(filter)) && PHP_CALLABLES.some((name) => body.includes(name));
}

/** SpEL's type locator `T(java.lang.Runtime)`: a `t(` not ending a longer name, then a qualified name. */
function hasTypeLocator(body: string): boolean {
  for (let at = body.indexOf('t('); at !== -1; at = body.indexOf('t(', at + 2)) {
    if (at > 0 && isNamePart(body.charCodeAt(at - 1))) continue;
    let index = at + 2;
    while (index < body.length && body.charCodeAt(index) === 32) index++;
    const nameStart = index;
    while (index < body.length && (isNamePart(body.charCodeAt(index)) || body.charCodeAt(index) === 46)) index++;
    if (index - nameStart > 3 && body.slice(nameStart, index).includes('.')) return true;
  }
  return false;
}

/**
 * `{% import os %}` (Tornado) and `<%! import os %>` (Mako) import a Python module; `{% import 'forms.html' as f %}`
 * (Jinja2, a template by its quoted name) and `{% from 'x.html' import y %}` do not.
 */
function startsWithBareImport(body: string): boolean {
  const trimmed = body.replace(/^[\s!=\-@#]+/, '');
  const keyword = trimmed.startsWith('import ') ? 7 : trimmed.startsWith('from ') ? 5 : -1;
  if (keyword === -1) return false;
  const rest = trimmed.slice(keyword).trimStart();
  return rest.length > 0 && isNameStart(rest.charCodeAt(0));
}

function isTraversal(body: string, delimiter: Delimiter): boolean {
  if (TRAVERSAL.some((token) => includesWord(body, token))) return true;
  // Handlebars `{{#with "s" as |string|}}`: a block over a string literal reaches String.prototype,
  // the first step of the known Handlebars gadget chain; templates bind blocks to context paths.
  return delimiter === 'mustache' && /^#with\s+["']/.test(body.trimStart());
}

function isDirective(body: string, delimiter: Delimiter): boolean {
  const trimmed = body.trim();
  if (delimiter === 'velocity' || delimiter === 'ognl') return true;
  if (delimiter === 'freemarker') return FREEMARKER_DIRECTIVES.has(/^\/?([a-z]+)/.exec(trimmed)?.[1] ?? '');
  if (delimiter === 'statement') return DIRECTIVES.some((directive) => trimmed.startsWith(directive));
  if (delimiter === 'erb') return trimmed.startsWith('@') || trimmed.startsWith('!');
  return ENGINE_OBJECTS.some((name) => trimmed === name || trimmed.startsWith(`${name}.`) || (name.endsWith('(') && trimmed.startsWith(name)));
}

/** Whether `token` occurs in `body` not glued to a longer name (`retrieval(` is not `eval(`). */
function includesWord(body: string, token: string): boolean {
  const checksBefore = isNamePart(token.charCodeAt(0));
  const checksAfter = isNamePart(token.charCodeAt(token.length - 1));
  for (let at = body.indexOf(token); at !== -1; at = body.indexOf(token, at + 1)) {
    if (checksBefore && at > 0 && isNamePart(body.charCodeAt(at - 1))) continue;
    if (checksAfter && isNamePart(body.charCodeAt(at + token.length))) continue;
    return true;
  }
  return false;
}

function isNameStart(code: number): boolean {
  const lower = code | 0x20;
  return (lower >= 97 && lower <= 122) || code === 95;
}

function isNamePart(code: number): boolean {
  return isNameStart(code) || (code >= 48 && code <= 57);
}
