// RFC 9457 problem details for every answer the gateway gives itself: stable rule id, request id,
// safe text. Never a stack trace, an upstream address or the offending value.
import { STATUS_CODES } from 'node:http';

export interface Problem {
  status: number;
  ruleId: string;
  detail: string;
  requestId: string;
  errors?: readonly { location: string; problem: string }[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemBody(problem: Problem): string {
  return JSON.stringify({
    type: `urn:bulwark:rule:${problem.ruleId}`,
    title: STATUS_CODES[problem.status] ?? 'Error',
    status: problem.status,
    detail: problem.detail,
    ruleId: problem.ruleId,
    requestId: problem.requestId,
    ...(problem.errors && problem.errors.length > 0 ? { errors: problem.errors } : {}),
  });
}
