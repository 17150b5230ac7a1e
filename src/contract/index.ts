// Public surface of the contract module: load an OpenAPI document, model it, compile it, and check
// requests and responses against it. Other modules import from here only.
export { loadApiDocument, formatDocumentProblems, type LoadedDocument, type DocumentProblem } from './load-document.js';
export { buildApiModel, type ApiModel, type OperationSpec, type ParameterSpec, type SecuritySchemeSpec, type SecurityRequirement } from './api-model.js';
export { compileContract, type CompiledContract, type CompiledOperation, type CompiledMedia, type ContractMatch, type ContractCompileOptions } from './compile-contract.js';
export { checkParameters, checkBody, mediaFor, type BodyCheck, type BodyCheckOptions, type BodyInput, type ParameterCheck, type ParameterCheckOptions } from './validate-request.js';
export { checkResponseHead, checkResponseValue, isCheckableResponse, type ResponseMediaCheck } from './validate-response.js';
export { parseCookies } from './parameters/deserialize.js';
export { locationOf, stripFailures, type Failure, type FailureKind } from './validation-errors.js';
export { ruleModesFor, type RuleMode } from './rule-modes.js';
export type { XmlLimits } from './bodies/xml-body.js';
export type { MultipartLimits } from './bodies/multipart-body.js';
