// Discovery on the admin listener: POST /discovery/samples, the collector for sidecars and traffic
// mirrors (its own bearer token; off without one), and GET /discovery/inventory (behind the metrics
// token). A bad batch gets a problem+json answer; a bad sample in a good batch is counted and named.
import type { IncomingMessage } from 'node:http';
import { toTrafficSample, type OperationView, type SampleSink } from '../discovery/index.js';

export interface AdminDiscovery {
  readonly queue: SampleSink;
  views(): OperationView[];
  /** POST /discovery/samples is enabled only with a token. */
  readonly collectorToken?: string;
}

/** Largest batch accepted (bytes). */
export const MAX_BATCH_BYTES = 10 * 1024 * 1024;
/** Most samples per batch. */
export const MAX_BATCH_SAMPLES = 10_000;
const MAX_PROBLEMS = 20;

type Reply = (status: number, body: unknown, isProblem?: boolean) => void;

/** Reads the batch (a JSON array, or JSON lines), checks each sample, queues the good ones. */
export function collectSamples(req: IncomingMessage, discovery: AdminDiscovery, reply: Reply): void {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json' && type !== 'application/x-ndjson') {
    return reply(415, { ruleId: 'admin.unsupported-media-type', detail: 'Send a JSON array of samples (application/json) or one sample per line (application/x-ndjson).' }, true);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let isTooLarge = false;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_BATCH_BYTES) {
      isTooLarge = true;
      req.pause();
      reply(413, { ruleId: 'admin.batch-too-large', detail: `A batch may have at most ${MAX_BATCH_BYTES} bytes; send several.` }, true);
      req.destroy();
      return;
    }
    chunks.push(chunk);
  });
  req.on('error', () => undefined);
  req.on('end', () => {
    if (isTooLarge) return;
    const items = parseBatch(Buffer.concat(chunks).toString('utf8'), type);
    if ('problem' in items) return reply(400, { ruleId: 'admin.batch-invalid', detail: items.problem }, true);
    let accepted = 0;
    let dropped = 0;
    let rejected = 0;
    const problems: { index: number; problem: string }[] = [];
    items.forEach((item, index) => {
      const sample = toTrafficSample(item);
      if ('problem' in sample) {
        rejected++;
        if (problems.length < MAX_PROBLEMS) problems.push({ index, problem: sample.problem });
      } else if (discovery.queue.submit(sample)) accepted++;
      else dropped++;
    });
    reply(rejected === items.length && items.length > 0 ? 400 : 202, { accepted, rejected, dropped, problems });
  });
}

function parseBatch(text: string, type: string): unknown[] | { problem: string } {
  try {
    if (type === 'application/json') {
      const value: unknown = JSON.parse(text);
      if (!Array.isArray(value)) return { problem: 'The body must be a JSON array of samples.' };
      return value.length > MAX_BATCH_SAMPLES ? { problem: `At most ${MAX_BATCH_SAMPLES} samples per batch.` } : value;
    }
    const lines = text.split('\n').filter((line) => line.trim() !== '');
    if (lines.length > MAX_BATCH_SAMPLES) return { problem: `At most ${MAX_BATCH_SAMPLES} samples per batch.` };
    return lines.map((line, index) => {
      try {
        return JSON.parse(line) as unknown;
      } catch {
        throw new SyntaxError(`line ${index + 1} is not JSON`);
      }
    });
  } catch (error) {
    return { problem: error instanceof SyntaxError && error.message.startsWith('line ') ? error.message : 'The body is not valid JSON.' };
  }
}
