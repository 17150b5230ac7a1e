// Public surface of the scan request builder: valid requests from an OpenAPI operation, and the
// helpers that vary them for the scan checks.
export { buildRequest, chooseMedia, type BuildOptions, type BuiltRequest } from './build-request.js';
export { exampleFor, type ExampleOptions } from './example-value.js';
export { injectionPoints, withBodyField, withParameter, type InjectionPoint, type RawOptions } from './mutate.js';
export type { Problem, RequestParts, ParameterValue } from './assemble-request.js';
export type { MediaChoice, BodyKind } from './serialize-body.js';
export type { Direction } from './conforms.js';
