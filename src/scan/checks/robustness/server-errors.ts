// ROBUSTNESS: a request with a value of the wrong type (a word for an integer parameter, an object
// for a string field) should be refused with 4xx; a 5xx shows input reaching code that never
// validated it, which is where crashes, injections and denial of service live (OWASP ASVS V5.1).
import type { ScanCheck, ScanContext } from '../../check.js';
import type { Exchange } from '../../exchange.js';
import { injectionPoints, withBodyField, withParameter, type BuiltRequest, type InjectionPoint } from '../../requests/index.js';
import { successes, type Success } from '../probe.js';
import { sendAs } from '../probe-send.js';

/** Variations per operation: enough to reach each kind of input, bounded on large bodies. */
const MAX_VARIATIONS = 6;
const WRONG_WORD = 'bulwark';
const WRONG_OBJECT = { bulwark: 1 };

interface Variation {
  readonly description: string;
  readonly built: BuiltRequest;
}

const typeOf = (schema: unknown): unknown => (typeof schema === 'object' && schema !== null ? (schema as { type?: unknown }).type : undefined);

function variationOf(built: BuiltRequest, point: InjectionPoint): Variation | undefined {
  if (point.location === 'body') {
    return { description: `an object for the string body field ${point.name}`, built: withBodyField(built, point.name, WRONG_OBJECT) };
  }
  const type = typeOf(point.schema);
  if ((type === 'integer' || type === 'number') && (point.location === 'path' || point.location === 'query')) {
    return { description: `a word for the ${type} ${point.location} parameter ${point.name}`, built: withParameter(built, point.location, point.name, WRONG_WORD) };
  }
  return undefined;
}

async function probe(context: ScanContext, success: Success): Promise<void> {
  const variations = injectionPoints(success.built).flatMap((point) => variationOf(success.built, point) ?? []).slice(0, MAX_VARIATIONS);
  for (const variation of variations) {
    const exchange: Exchange = await sendAs(context, variation.built.request, success.identity);
    const status = exchange.response?.status ?? 0;
    if (status < 500) continue;
    context.report({
      operation: success.operation,
      message: `A request with ${variation.description} was answered ${String(status)} (the valid request got ${String(success.exchange.response?.status)}): the input is not validated before use.`,
      evidence: [success.exchange, exchange],
      confidence: 'confirmed',
    });
    return;
  }
}

export const serverErrors: ScanCheck = {
  id: 'robustness.server-errors',
  category: 'ROBUSTNESS',
  title: 'Wrong-typed input causes a server error',
  severity: 'medium',
  remediation: 'Validate every parameter and body field against its documented type before use (the contract stage of the gateway does it from the document) and answer invalid input with 400 and a problem document; treat any 5xx caused by input as a bug.',
  async run(context) {
    const done = new Set<string>();
    for (const success of successes(context)) {
      const key = `${success.operation.method} ${success.operation.pathTemplate}`;
      if (done.has(key)) continue;
      done.add(key);
      await probe(context, success);
    }
  },
};
