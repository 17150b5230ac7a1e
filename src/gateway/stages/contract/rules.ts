// The rules of the contract stage, for docs/errors.md and its drift test. Each has its own mode
// (stages.contract.rules.<name>), overridable per operation.
import type { RuleDescription } from '../../stage.js';

const VALIDATION = 'API8:2023';

export const CONTRACT_RULES: readonly RuleDescription[] = [
  { id: 'contract.unknown-path', status: 404, title: 'Undeclared path', severity: 'medium', category: 'API9:2023', description: 'No operation of the route\'s OpenAPI document matches the path (a shadow or forgotten endpoint).' },
  { id: 'contract.method-not-allowed', status: 405, title: 'Undeclared method', severity: 'medium', category: 'API5:2023', description: 'The path exists but not with this method; the answer lists the declared ones in Allow. HEAD matches GET.' },
  { id: 'contract.security-missing', status: 401, title: 'Credentials missing', severity: 'medium', category: 'API2:2023', description: 'The operation has security requirements and the request carries none of the credentials they name (header, query or cookie API key, Authorization scheme). Presence only; the identity stage verifies them.' },
  { id: 'contract.parameter-invalid', status: 400, title: 'Invalid parameter', severity: 'medium', category: VALIDATION, description: 'A path, query, header or cookie parameter is missing or does not match its schema (type, format, pattern, range, length, enum), after OpenAPI style/explode deserialisation. Also: a query string that cannot be decoded.' },
  { id: 'contract.unknown-query', status: 400, title: 'Undeclared query parameter', severity: 'low', category: VALIDATION, description: 'The query has parameters the operation does not declare (parameter pollution, probing). API keys of the operation\'s security schemes are known.' },
  { id: 'contract.unknown-header', status: 400, title: 'Undeclared header', severity: 'info', category: VALIDATION, description: 'A request header is neither declared by the operation nor on the built-in or configured allow-list (stages.contract.allowedHeaders). Monitor by default.' },
  { id: 'contract.unknown-cookie', status: 400, title: 'Undeclared cookie', severity: 'info', category: VALIDATION, description: 'A cookie is not declared by the operation nor listed in stages.contract.allowedCookies. Monitor by default.' },
  { id: 'contract.body-required', status: 400, title: 'Body missing', severity: 'low', category: VALIDATION, description: 'The operation\'s requestBody is required and the request has none.' },
  { id: 'contract.content-type-unsupported', status: 415, title: 'Unsupported media type', severity: 'low', category: VALIDATION, description: 'The Content-Type is not one the operation\'s requestBody declares (exact, type/* or */*).' },
  { id: 'contract.body-malformed', status: 400, title: 'Body not parseable', severity: 'medium', category: VALIDATION, description: 'The body is not valid for its media type: bad JSON, a form that cannot be decoded, a broken multipart body, or XML that is malformed or too deep, or has a DOCTYPE, entity declaration or processing instruction (billion laughs, XXE).' },
  { id: 'contract.body-too-large', status: 413, title: 'Body over a parser limit', severity: 'medium', category: 'API4:2023', description: 'A multipart body has more parts or files than stages.contract.multipart allows, or a file or field over its size; or an XML body has more nodes or text than stages.contract.xml allows. Never cut and passed on partially.' },
  { id: 'contract.body-invalid', status: 422, title: 'Body does not match the schema', severity: 'medium', category: VALIDATION, description: 'The parsed body breaks its schema; the answer lists each location (body.$.items[3].price) and why.' },
  { id: 'contract.mass-assignment', status: 422, title: 'Forbidden property', severity: 'high', category: 'API3:2023', description: 'The body has a property its schema forbids (additionalProperties / unevaluatedProperties false): mass assignment.' },
  { id: 'contract.undeclared-property', status: 422, title: 'Undeclared property', severity: 'low', category: 'API3:2023', description: 'The body has a property its schema does not declare but leaves open. Monitor by default; enforce to close every object.' },
  { id: 'contract.read-only-property', status: 422, title: 'Read-only property sent', severity: 'high', category: 'API3:2023', description: 'The body sets a property the schema marks readOnly (an id, a role, a balance): mass assignment of server-owned data.' },
  { id: 'contract.file-type-not-allowed', status: 415, title: 'File type not allowed', severity: 'medium', category: VALIDATION, description: 'A multipart file\'s declared type, or the type its first bytes show, is not in the encoding\'s contentType (or stages.contract.multipart.allowedFileTypes).' },
];
