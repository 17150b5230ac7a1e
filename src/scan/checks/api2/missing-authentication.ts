// API2: an operation the document secures answers a request without credentials, or with a bearer
// token that cannot be valid. The proof is the 2xx itself, for a request the identity got a 2xx for.
import type { ScanCheck } from '../../check.js';
import { isSecured, isSuccess, successes } from '../probe.js';
import { sendAs } from '../probe-send.js';

const INVALID_TOKEN = 'Bearer bulwark.invalid.token';

export const missingAuthentication: ScanCheck = {
  id: 'api2.missing-authentication',
  category: 'API2',
  title: 'Secured operation answers without valid credentials',
  severity: 'high',
  remediation: 'Authenticate every operation the document secures, in one place (a gateway or middleware that denies by default), and refuse missing, malformed and unverifiable credentials with 401.',
  async run(context) {
    const done = new Set<string>();
    for (const success of successes(context, isSecured)) {
      const { operation, identity, built } = success;
      const key = `${operation.method} ${operation.pathTemplate}`;
      if (identity === undefined || done.has(key)) continue;
      done.add(key);
      const anonymous = await sendAs(context, built.request, undefined);
      if (isSuccess(anonymous)) {
        context.report({ operation, message: `Answered ${String(anonymous.response?.status)} to a request without credentials.`, evidence: [success.exchange, anonymous], confidence: 'confirmed' });
        continue;
      }
      const forged = await sendAs(context, built.request, undefined, { headers: { ...built.request.headers, authorization: INVALID_TOKEN } });
      if (isSuccess(forged)) {
        context.report({ operation, message: `Answered ${String(forged.response?.status)} to a request whose bearer token cannot be valid.`, evidence: [success.exchange, forged], confidence: 'confirmed' });
      }
    }
  },
};
