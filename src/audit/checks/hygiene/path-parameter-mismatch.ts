// Path templates and path parameters that disagree: a `{variable}` with no parameter is input nobody
// validates (any value, any type reaches the handler), and a declared path parameter missing from the
// template, or not required, is a definition tools reject or misread.
import type { AuditCheck } from '../../check.js';

export const pathParameterMismatchCheck: AuditCheck = {
  id: 'hygiene.path-parameter-mismatch',
  group: 'hygiene',
  title: 'Path template and path parameters disagree',
  owasp: 'API8',
  asvs: ['V5.1.3'],
  severity: 'medium',
  part: 'validation',
  explanation: 'Every `{name}` in a path must be a declared, required path parameter: an undeclared one is input with no type or constraints, which validation layers built from the document let through, and a declared one missing from the template never receives a value.',
  remediation: 'Declare each path template variable as a parameter with `in: path` and `required: true` (with a schema that constrains it), and remove path parameters the template does not contain.',
  run(api, report) {
    const seen = new Set<string>();
    const once = (key: string): boolean => {
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    };
    for (const operation of api.operations) {
      const label = `${operation.method.toUpperCase()} ${operation.path}`;
      const variables = templateVariables(operation.path);
      const declared = operation.parameters.filter((parameter) => parameter.in === 'path');
      for (const variable of variables) {
        if (declared.some((parameter) => parameter.name === variable)) continue;
        if (once(`${operation.at.file}#${operation.at.pointer}#missing#${variable}`)) report(operation.at, `${label}: the path variable \`{${variable}}\` has no path parameter`);
      }
      for (const parameter of declared) {
        const key = `${parameter.at.file}#${parameter.at.pointer}`;
        if (!variables.includes(parameter.name)) {
          if (once(`${key}#extra`)) report(parameter.at, `${label}: the path parameter \`${parameter.name}\` is not in the path template`);
        } else if (!parameter.required && once(`${key}#required`)) {
          report(parameter.at, `${label}: the path parameter \`${parameter.name}\` is not marked required: true`);
        }
      }
    }
  },
};

/** The `{name}`s of a path template, in order. */
function templateVariables(path: string): string[] {
  const names: string[] = [];
  for (let open = path.indexOf('{'); open !== -1; open = path.indexOf('{', open + 1)) {
    const close = path.indexOf('}', open);
    if (close === -1) break;
    names.push(path.slice(open + 1, close));
  }
  return names;
}
