// Public surface of the normalisers (src/detect/normalize): the inspection pipeline the engine runs,
// and each normaliser for detectors that apply one themselves (case, SQL comments, paths).
export { MAX_DECODE_PASSES, MAX_INSPECTION_FORMS, decodeFully, inspectionForms, profiledInspectionForms } from './pipeline.js';
export { unchanged } from './normalizer.js';
export type { Normalized, Normalizer } from './normalizer.js';
export { MAX_URL_DECODE_ROUNDS, percentDecodeOnce, urlDecode } from './url-decode.js';
export { decodeOverlongUtf8 } from './overlong-utf8.js';
export { decodeHtmlEntities } from './html-entities.js';
export { decodeJsEscapes } from './js-escapes.js';
export { foldUnicode } from './unicode-fold.js';
export { removeNullBytes } from './null-bytes.js';
export { MAX_BASE64_DECODED_BYTES, MIN_BASE64_LENGTH, decodeBase64, isPlausibleBase64 } from './base64.js';
export { foldCase } from './case-fold.js';
export { stripSqlComments } from './sql-comments.js';
export { countPathEscapes, normalizePath, resolvePath } from './path-normalize.js';
export type { ResolvedPath } from './path-normalize.js';
