// API8: answers without the headers that stop browsers from sniffing an API answer into a page
// (X-Content-Type-Options) and caches from keeping what a user was given (Cache-Control: no-store on
// authenticated answers), and an https API without HSTS. OWASP REST Security Cheat Sheet.
import type { ScanCheck, ScanContext } from '../../check.js';
import { successes, type Success } from '../probe.js';

interface Rule {
  readonly header: string;
  readonly applies: (success: Success, context: ScanContext) => boolean;
  readonly holds: (value: string | undefined) => boolean;
  readonly expected: string;
}

const RULES: readonly Rule[] = [
  { header: 'x-content-type-options', applies: () => true, holds: (value) => value?.toLowerCase() === 'nosniff', expected: 'nosniff' },
  {
    header: 'cache-control', applies: (success) => success.identity !== undefined,
    holds: (value) => value !== undefined && /\bno-store\b/i.test(value), expected: 'no-store (the answer was for an authenticated user)',
  },
  {
    header: 'strict-transport-security', applies: (_success, context) => context.target.protocol === 'https:',
    holds: (value) => value !== undefined && /max-age=\d{7,}/i.test(value), expected: 'max-age of at least 10^6 seconds',
  },
];

export const securityHeaders: ScanCheck = {
  id: 'api8.security-headers',
  category: 'API8',
  title: 'Security headers missing from API answers',
  severity: 'low',
  remediation: 'Send X-Content-Type-Options: nosniff on every answer, Cache-Control: no-store on answers to authenticated requests, and Strict-Transport-Security on https.',
  run(context) {
    const found = successes(context);
    for (const rule of RULES) {
      const lacking = found.filter((success) => rule.applies(success, context) && !rule.holds(success.exchange.response?.headers[rule.header]));
      const first = lacking[0];
      if (first === undefined) continue;
      const operations = new Set(lacking.map((success) => `${success.operation.method} ${success.operation.pathTemplate}`));
      context.report({
        operation: first.operation,
        message: `${rule.header} is missing or not ${rule.expected} on ${operations.size} operation(s), e.g. this one (${String(first.exchange.response?.headers[rule.header] ?? 'absent')}).`,
        evidence: [first.exchange],
        confidence: 'confirmed',
      });
    }
    return Promise.resolve();
  },
};
