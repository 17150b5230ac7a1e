// A 0-100 risk score per operation, with its reasons, so the inventory can be read worst first. It
// adds up what the OWASP API Top 10 (2023) says makes an endpoint dangerous: data worth stealing
// (API3), no or weak authentication (API2), writes and object ids (API1, API5), being undocumented or
// deprecated yet called (API9), credentials in URLs (API2), and errors that leak (API8).
import type { BuiltinSensitiveType } from '../sensitive/index.js';
import type { OperationStatus } from './compare-documents.js';
import type { OperationView } from './operation-view.js';

export interface RiskReason {
  readonly points: number;
  readonly reason: string;
  readonly owasp: string;
}

export interface RiskScore {
  readonly score: number;
  readonly reasons: readonly RiskReason[];
}

/** Sensitive types whose exposure is a breach on its own (payment, government ids, credentials). */
const CRITICAL_TYPES: ReadonlySet<string> = new Set<BuiltinSensitiveType>([
  'payment-card', 'card-security-code', 'iban', 'us-ssn', 'uk-nino', 'ca-sin', 'nl-bsn', 'es-dni', 'in-aadhaar', 'password', 'secret', 'api-key', 'jwt',
]);
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function riskScore(view: OperationView, status?: OperationStatus): RiskScore {
  const reasons: RiskReason[] = [];
  const add = (points: number, reason: string, owasp: string): void => {
    reasons.push({ points, reason, owasp });
  };
  const returned = view.sensitive.filter((field) => field.direction === 'response');
  const returnedTypes = new Set(returned.flatMap((field) => field.types));
  if ([...returnedTypes].some((type) => CRITICAL_TYPES.has(type))) add(35, `returns ${[...returnedTypes].filter((type) => CRITICAL_TYPES.has(type)).sort().join(', ')}`, 'API3:2023');
  else if (returned.length > 0) add(20, `returns personal data (${[...returnedTypes].sort().join(', ')})`, 'API3:2023');
  if (view.sensitive.some((field) => field.direction === 'request')) add(5, 'receives sensitive data', 'API3:2023');
  const isSensitive = returned.length > 0 || WRITE_METHODS.has(view.method);
  if (view.calls > 0 && view.unauthenticatedCalls === view.calls) add(isSensitive ? 30 : 15, 'no call carried credentials', 'API2:2023');
  else if (view.unauthenticatedCalls > 0) add(isSensitive ? 20 : 10, `${view.unauthenticatedCalls} of ${view.calls} calls carried no credentials`, 'API2:2023');
  if (view.auth.some((auth) => auth.in === 'query')) add(15, 'credentials travel in the URL (logged by proxies and browsers)', 'API2:2023');
  if (view.auth.some((auth) => auth.kind === 'basic')) add(5, 'HTTP Basic authentication (a reusable password on every call)', 'API2:2023');
  if (WRITE_METHODS.has(view.method)) add(10, `changes data (${view.method})`, 'API5:2023');
  if (view.parameters.some((parameter) => parameter.in === 'path')) add(5, 'addresses objects by id (check object-level authorization)', 'API1:2023');
  if (status === 'shadow') add(20, 'not in any API document (shadow)', 'API9:2023');
  if (status === 'zombie') add(25, 'deprecated or removed, still called (zombie)', 'API9:2023');
  const serverErrors = Object.entries(view.statuses).filter(([code]) => code.startsWith('5')).reduce((sum, [, count]) => sum + count, 0);
  if (view.calls > 0 && serverErrors / view.calls > 0.05) add(5, `${Math.round((serverErrors / view.calls) * 100)}% server errors`, 'API8:2023');
  reasons.sort((left, right) => right.points - left.points);
  return { score: Math.min(100, reasons.reduce((sum, reason) => sum + reason.points, 0)), reasons };
}
