// The shared rule of the checks that want one exact status documented with a body (429, 500): where
// the status is missing, the operation's responses object is at fault; where its response describes
// no body, that response is, once per definition.
import type { Reporter } from '../../../check.js';
import { isObject, type AuditApi, type ResponseInfo } from '../../../model.js';
import { keyOf, responseCatalog, responseLabel, statusKeys, type ResponsesSite } from './response-sites.js';

export interface RequiredStatus {
  readonly status: string;
  /** The message for an operation without the status; `others` are its status keys. */
  missing(site: ResponsesSite, others: readonly string[]): string;
  /** The message for the status's response without a body; `label` names it. */
  bodiless(label: string): string;
}

/** Whether a response describes a body: `content` (OpenAPI 3) or `schema` (Swagger 2.0). */
export function describesBody(api: AuditApi, response: ResponseInfo): boolean {
  const key = api.dialect === 'swagger-2.0' ? 'schema' : 'content';
  return isObject(response.value) && Boolean(response.value[key]);
}

export function reportRequiredStatus(api: AuditApi, report: Reporter, rule: RequiredStatus): void {
  const seenResponses = new Set<string>();
  const bodiless = new Map<string, { response: ResponseInfo; site: ResponsesSite; uses: number }>();
  for (const site of responseCatalog(api).sites) {
    if (!site.underPaths || site.responsesAt === undefined || seenResponses.has(keyOf(site.responsesAt))) continue;
    seenResponses.add(keyOf(site.responsesAt));
    const statuses = statusKeys(site.responsesValue);
    const written = isObject(site.responsesValue) ? site.responsesValue[rule.status] : undefined;
    if (!written) {
      report(site.responsesAt, rule.missing(site, statuses));
      continue;
    }
    // A reference that cannot be followed is left to the hygiene checks: its body is unknown.
    const response = site.responses.find((candidate) => candidate.status === rule.status);
    if (response === undefined || describesBody(api, response)) continue;
    const known = bodiless.get(keyOf(response.at));
    if (known === undefined) bodiless.set(keyOf(response.at), { response, site, uses: 1 });
    else known.uses++;
  }
  for (const { response, site, uses } of bodiless.values()) report(response.at, rule.bodiless(responseLabel(site, response, uses)));
}
