// Operations that accept files or raw binary bodies with no documented size limit: neither a
// maxLength on the binary value nor a 413 response. Uploads are the cheapest way to fill a disk or
// hold a worker busy (OWASP API4:2023, ASVS V12.1.1).
import type { AuditCheck } from '../../check.js';
import type { Located, NodeRef } from '../../document.js';
import { isObject, schemaTypes, type AuditApi, type JsonObject, type OperationInfo } from '../../model.js';
import { statusKeys } from './support/response-sites.js';

/** Archive and document types that are uploads whatever their schema says. */
const BINARY_MEDIA_TYPES = new Set([
  'application/octet-stream', 'application/pdf', 'application/zip', 'application/gzip', 'application/x-gzip', 'application/x-tar',
  'application/x-zip-compressed', 'application/x-7z-compressed', 'application/x-bzip2', 'application/x-rar-compressed', 'application/*', '*/*',
]);
const BINARY_MEDIA_PREFIXES = ['image/', 'audio/', 'video/', 'font/'];

interface Finding {
  readonly at: NodeRef;
  readonly what: string;
}

export const uploadWithoutSizeLimitCheck: AuditCheck = {
  id: 'errors-limits.upload-without-size-limit',
  group: 'errors-limits',
  title: 'Upload without a size limit',
  owasp: 'API4',
  asvs: ['V12.1.1'],
  severity: 'low',
  part: 'security',
  explanation: 'An operation that accepts files or binary bodies without a documented size limit invites uploads large enough to fill storage, exhaust memory or tie up workers; a limit nobody documented is rarely enforced everywhere.',
  remediation: 'Enforce a maximum upload size at the gateway and in the service, document it as `maxLength` (bytes) on the binary value, and document the 413 (Content Too Large) response the API returns beyond it.',
  run(api, report) {
    const seen = new Set<string>();
    for (const operation of api.operations) {
      if (operation.requestBody === undefined || statusKeys(operation.value.responses).includes('413')) continue;
      const label = `${operation.method.toUpperCase()} ${operation.path}`;
      for (const finding of unlimitedUploads(api, operation)) {
        const key = `${finding.at.file}#${finding.at.pointer}`;
        if (seen.has(key)) continue;
        seen.add(key);
        report(finding.at, `${label}: ${finding.what} has no maxLength and the operation declares no 413 response`);
      }
    }
  },
};

function unlimitedUploads(api: AuditApi, operation: OperationInfo): Finding[] {
  const findings: Finding[] = [];
  if (api.dialect === 'swagger-2.0') {
    for (const parameter of operation.parameters) {
      if (parameter.in === 'formData' && parameter.value.type === 'file' && typeof parameter.value.maxLength !== 'number') {
        findings.push({ at: parameter.at, what: `the file field \`${parameter.name}\`` });
      }
    }
  }
  for (const media of operation.requestBody?.content ?? []) {
    const isBinaryMedia = isBinaryMediaType(media.mediaType);
    if (media.schema === undefined) {
      // Swagger 2.0 form fields are read above; an OpenAPI 3 binary media type without a schema is an upload of any size.
      if (isBinaryMedia && api.dialect !== 'swagger-2.0') findings.push({ at: media.at, what: `the \`${media.mediaType}\` body` });
      continue;
    }
    if (isBinaryString(media.schema.value, isBinaryMedia)) {
      if (typeof media.schema.value.maxLength !== 'number') findings.push({ at: media.schema.at, what: `the \`${media.mediaType}\` body` });
      continue;
    }
    for (const [name, field] of binaryFields(api, media.schema)) {
      if (typeof field.value.maxLength !== 'number') findings.push({ at: field.at, what: `the binary field \`${name}\`` });
    }
  }
  return findings;
}

function isBinaryMediaType(mediaType: string): boolean {
  const semicolon = mediaType.indexOf(';');
  const type = (semicolon === -1 ? mediaType : mediaType.slice(0, semicolon)).trim().toLowerCase();
  return BINARY_MEDIA_TYPES.has(type) || BINARY_MEDIA_PREFIXES.some((prefix) => type.startsWith(prefix));
}

/** A string holding bytes: `format: binary` or `byte`, 3.1's contentMediaType/contentEncoding, or any string of a binary media type. */
function isBinaryString(schema: JsonObject, isBinaryMedia: boolean): boolean {
  const types = schemaTypes(schema);
  if (types.length > 0 && !types.includes('string')) return false;
  if (schema.format === 'binary' || schema.format === 'byte' || schema.contentMediaType !== undefined || schema.contentEncoding !== undefined) return true;
  return isBinaryMedia && types.includes('string');
}

/** The binary properties of an object body (its own and its allOf members'), one level down, array items included. */
function binaryFields(api: AuditApi, schema: Located<JsonObject>): [string, Located<JsonObject>][] {
  const { document } = api;
  const fields: [string, Located<JsonObject>][] = [];
  const resolved = (node: Located | undefined): Located<JsonObject> | undefined => {
    const target = node === undefined ? undefined : document.deref(node);
    return target !== undefined && isObject(target.value) ? (target as Located<JsonObject>) : undefined;
  };
  const parts: Located<JsonObject>[] = [schema];
  const allOf = document.child(schema, 'allOf');
  if (allOf !== undefined && Array.isArray(allOf.value)) {
    allOf.value.forEach((_, index) => {
      const part = resolved(document.child(allOf, index));
      if (part !== undefined) parts.push(part);
    });
  }
  for (const part of parts) {
    const properties = document.child(part, 'properties');
    if (properties === undefined || !isObject(properties.value)) continue;
    for (const name of Object.keys(properties.value)) {
      const property = resolved(document.child(properties, name));
      if (property === undefined) continue;
      const items = schemaTypes(property.value).includes('array') ? resolved(document.child(property, 'items')) : undefined;
      const field = items ?? property;
      if (isBinaryString(field.value, false)) fields.push([name, field]);
    }
  }
  return fields;
}
