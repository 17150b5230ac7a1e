// Traffic sources: files from elsewhere (HAR, nginx and Envoy JSON access logs) as TrafficSamples.
// The public surface of src/discovery/sources, listed explicitly.
import type { TrafficSample } from '../../core/types.js';
import { detectTrafficFormat } from './detect-format.js';
import { readEnvoyLog, scanEnvoyLog } from './envoy-log.js';
import { readHar } from './har.js';
import type { SourceOptions } from './limits.js';
import { readNginxLog, scanNginxLog } from './nginx-log.js';
import { TRAFFIC_FORMATS, type SourceResult, type SourceSummary, type TrafficFormat } from './source-result.js';

/**
 * Reads a traffic file into samples. Without `format`, the content decides (a HAR is a JSON object
 * with `log.entries`; a log is JSON lines whose keys say nginx or Envoy) and an undecidable log is
 * an error asking for the format. Logs are read up to `maxFileBytes` (see `isTruncated`).
 */
export async function readTrafficFile(path: string, format?: TrafficFormat, options?: SourceOptions): Promise<SourceResult> {
  const chosen = await formatFor(path, format);
  if (chosen === 'har') return readHar(path, options);
  return chosen === 'nginx' ? readNginxLog(path, options) : readEnvoyLog(path, options);
}

/**
 * Hands every sample of a traffic file to `visit` without keeping them: logs of any length are
 * streamed. A HAR is still parsed whole, within `maxFileBytes`.
 */
export async function scanTrafficFile(path: string, visit: (sample: TrafficSample) => void, format?: TrafficFormat, options?: SourceOptions): Promise<SourceSummary> {
  const chosen = await formatFor(path, format);
  if (chosen === 'nginx') return scanNginxLog(path, visit, options);
  if (chosen === 'envoy') return scanEnvoyLog(path, visit, options);
  const { samples, ...summary } = await readHar(path, options);
  samples.forEach(visit);
  return { ...summary, sampleCount: samples.length };
}

async function formatFor(path: string, format: TrafficFormat | undefined): Promise<TrafficFormat> {
  if (format === undefined) return detectTrafficFormat(path);
  // The type says it already; a caller in plain JavaScript may still pass anything.
  if (!TRAFFIC_FORMATS.includes(format)) throw new RangeError(`format must be one of ${TRAFFIC_FORMATS.join(', ')}, got ${String(format)}`);
  return format;
}

export { detectTrafficFormat } from './detect-format.js';
export { readEnvoyLog, scanEnvoyLog } from './envoy-log.js';
export { readHar, samplesFromHar } from './har.js';
export { DEFAULT_LIMITS, type SourceOptions } from './limits.js';
export { readNginxLog, scanNginxLog } from './nginx-log.js';
export { TRAFFIC_FORMATS, type SkippedInput, type SourceResult, type SourceSummary, type TrafficFormat } from './source-result.js';
