// Entry of the child processes of bench:discover: `speed` or `memory`, settings as JSON in argv[3];
// prints its result as one JSON line (the last line of its output).
import { measureMemory, measureSpeed } from './load.js';
import { buildPool } from './pool.js';

export interface ChildSettings {
  readonly seed: number;
  readonly pool: number;
  readonly samples: number;
  /** Per run (speed) or in all (memory); 0: no limit. */
  readonly seconds: number;
}

const [mode, raw] = process.argv.slice(2);
const settings = JSON.parse(raw ?? '{}') as ChildSettings;
const pool = await buildPool(settings.pool, settings.seed);
const result = mode === 'speed' ? measureSpeed(pool, settings.samples, settings.seconds) : measureMemory(pool, settings.samples, settings.seconds);
process.stdout.write(`${JSON.stringify(result)}\n`);
