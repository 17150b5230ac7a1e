// API8: TRACE echoes the request back, headers included; with a script able to send it, that
// reads HttpOnly cookies and credentials (cross-site tracing). APIs have no use for it.
import type { ScanCheck } from '../../check.js';
import { isSuccess, successes } from '../probe.js';

const MARKER = 'x-bulwark-trace-marker';

export const traceMethod: ScanCheck = {
  id: 'api8.trace-method',
  category: 'API8',
  title: 'TRACE is enabled',
  severity: 'low',
  remediation: 'Refuse TRACE (and TRACK) with 405 at the server or the gateway in front of it.',
  async run(context) {
    const target = successes(context)[0];
    if (target === undefined) return;
    const exchange = await context.client.send({ method: 'TRACE', path: target.built.request.path, headers: { [MARKER]: 'echo-me' } });
    if (!isSuccess(exchange)) return;
    const echoes = exchange.response?.body.toLowerCase().includes(MARKER) === true;
    context.report({
      operation: target.operation,
      message: echoes ? 'TRACE answered and echoed the request headers back (cross-site tracing).' : `TRACE answered ${String(exchange.response?.status)}.`,
      evidence: [exchange],
      confidence: 'confirmed',
      severity: echoes ? 'medium' : 'low',
    });
  },
};
