// Parameters with no schema: a query, header, path or cookie value the description does not type can
// carry anything, and validators generated from the document let it through (ASVS V5.1.3 asks for
// positive validation of every input, URL parameters and headers included).
import type { AuditCheck } from '../../check.js';
import { isObject, type JsonObject } from '../../model.js';
import { declaredParameters, type DeclaredParameter } from './support/parameters.js';

export const parameterWithoutSchemaCheck: AuditCheck = {
  id: 'validation.parameter-without-schema',
  group: 'validation',
  title: 'Parameter without schema',
  owasp: 'API8',
  asvs: ['V5.1.3'],
  severity: 'medium',
  part: 'validation',
  explanation: 'A parameter with no schema (Swagger 2.0: no type) gives validators nothing to check, so any value of any length reaches the implementation.',
  remediation: 'Give every parameter a schema (OpenAPI 3: `schema`, or `content` with a schema; Swagger 2.0: `type`, plus `items` for arrays) with the limits of its values.',
  run(api, report) {
    for (const parameter of declaredParameters(api)) {
      const problem = api.dialect === 'swagger-2.0' ? swaggerProblem(parameter.value) : openApiProblem(parameter.value);
      if (problem === undefined) continue;
      report(parameter.at, `${where(parameter)}${parameter.in} parameter \`${parameter.name}\` ${problem}`);
    }
  },
};

function where(parameter: DeclaredParameter): string {
  return parameter.usedBy === undefined ? '' : `${parameter.usedBy}: `;
}

function swaggerProblem(parameter: JsonObject): string | undefined {
  // Body parameters carry a schema; missing-request-body-schema reports those without.
  if (parameter.in === 'body') return undefined;
  if (typeof parameter.type !== 'string') return 'has no type';
  if (parameter.type === 'array' && parameter.items === undefined) return 'is an array with no items';
  return undefined;
}

function openApiProblem(parameter: JsonObject): string | undefined {
  // A `schema` whose reference cannot be followed is still written: that is the broken-reference check's finding.
  if (parameter.schema !== undefined) return undefined;
  const content = parameter.content;
  if (!isObject(content) || Object.keys(content).length === 0) return 'has no schema';
  const missing = Object.keys(content).filter((mediaType) => {
    const media = content[mediaType];
    return !isObject(media) || (media.schema === undefined && media.$ref === undefined);
  });
  return missing.length === 0 ? undefined : `has no schema for ${missing.map((mediaType) => `\`${mediaType}\``).join(', ')}`;
}
