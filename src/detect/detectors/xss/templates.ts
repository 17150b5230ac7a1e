// Client-side template injection (PortSwigger, "AngularJS sandbox escapes"; Vue's template compiler):
// input echoed into a page an AngularJS or Vue app compiles runs as an expression, and payloads reach
// the Function constructor (`{{constructor.constructor('alert(1)')()}}`, `{{_c.constructor(...)}}`) or
// Angular's `$eval`. Placeholders (`{{name}}`, `{{#each items}}`) pass.
import { findSink } from './script-code.js';

/** Index of the first `{{` whose expression reaches code, or -1. */
export function findCodeTemplate(text: string): number {
  for (let open = text.indexOf('{{'); open !== -1; ) {
    const close = text.indexOf('}}', open + 2);
    // An expression left open runs to the end: the page's own `}}` may close it.
    const end = close === -1 ? text.length : close;
    if (isCodeExpression(text, open + 2, end)) return open;
    // No `}}` after this one means none after any later `{{` either.
    if (close === -1) return -1;
    open = text.indexOf('{{', close + 2);
  }
  return -1;
}

function isCodeExpression(text: string, start: number, end: number): boolean {
  const body = text.slice(start, end);
  if (body.includes('$eval')) return true;
  if (body.includes('constructor') && (body.includes('(') || body.includes('`'))) return true;
  return findSink(text, start, end, true) !== -1;
}
