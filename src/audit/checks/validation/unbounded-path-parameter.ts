// Path parameters that take any string (OWASP API1:2023): the path segment names the object, and a
// segment with no pattern, format or length lets clients probe identifiers freely and send `..`,
// encoded slashes or wildcard characters to the code that loads the object.
import type { AuditCheck } from '../../check.js';
import { parameterSchema, pathParameters } from './support/parameters.js';
import { allows, has, isEnumerated } from './support/schema-facts.js';

export const unboundedPathParameterCheck: AuditCheck = {
  id: 'validation.unbounded-path-parameter',
  group: 'validation',
  title: 'Path parameter accepting any string',
  owasp: 'API1',
  asvs: ['V5.1.3'],
  severity: 'low',
  part: 'security',
  explanation: 'A string path parameter with no pattern, format, enum or maxLength accepts any segment, so object identifiers can be probed at will and traversal or wildcard characters reach the lookup of the object.',
  remediation: 'Constrain identifiers in the path: format: uuid, an anchored pattern of the identifier syntax, an enum, or at least a maxLength; and check that the caller may access the object named.',
  run(api, report) {
    for (const parameter of pathParameters(api)) {
      if (parameter.in !== 'path') continue;
      const schema = parameterSchema(api, parameter);
      if (schema === undefined || !allows(schema.value, 'string')) continue;
      const value = schema.value;
      if (has(value, 'pattern') || has(value, 'format') || has(value, 'maxLength') || isEnumerated(value)) continue;
      report(parameter.at, `${parameter.usedBy}: path parameter \`${parameter.name}\` accepts any string (no pattern, format, enum or maxLength)`);
    }
  },
};
