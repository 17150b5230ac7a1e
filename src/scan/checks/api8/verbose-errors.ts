// API8: an answer to a malformed request that shows a stack trace tells an attacker the framework,
// its version, file paths and code structure. Each operation taking a JSON body gets a truncated
// JSON document; each operation with an integer path parameter gets a word in its place.
import type { OperationSpec } from '../../../contract/index.js';
import type { ScanCheck } from '../../check.js';
import type { Exchange } from '../../exchange.js';
import { withParameter } from '../../requests/index.js';
import { successes } from '../probe.js';
import { sendAs } from '../probe-send.js';
import { stackTraceIn } from '../response-signs.js';

const MALFORMED_JSON = '{"bulwark": ';

const integerPathParam = (operation: OperationSpec): string | undefined =>
  operation.parameters.find((parameter) => parameter.in === 'path' && (parameter.schema as { type?: unknown }).type === 'integer')?.name;

export const verboseErrors: ScanCheck = {
  id: 'api8.verbose-errors',
  category: 'API8',
  title: 'Error answers reveal stack traces',
  severity: 'medium',
  remediation: 'Answer errors with a generic problem document (RFC 9457) and log the details server-side; never send stack traces, exception names or file paths to clients.',
  async run(context) {
    const reported = new Set<string>();
    for (const success of successes(context)) {
      const { operation } = success;
      if (reported.has(operation.pathTemplate)) continue;
      const attempts: Exchange[] = [];
      const { request } = success.built;
      if (success.built.mediaType?.includes('json') === true) attempts.push(await sendAs(context, request, success.identity, { headers: { ...request.headers, 'content-type': 'application/json' }, body: MALFORMED_JSON }));
      const parameter = integerPathParam(operation);
      if (parameter !== undefined) attempts.push(await sendAs(context, request, success.identity, { path: withParameter(success.built, 'path', parameter, 'bulwark').request.path }));
      for (const exchange of attempts) {
        const platform = stackTraceIn(exchange.response?.body ?? '');
        if (platform === undefined) continue;
        reported.add(operation.pathTemplate);
        context.report({ operation, message: `A malformed request got an answer with a ${platform} stack trace (status ${String(exchange.response?.status)}).`, evidence: [exchange], confidence: 'confirmed' });
        break;
      }
    }
  },
};
