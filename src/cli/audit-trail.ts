// Recording a management change made from the command line (grants, API keys) as an `audit` event in
// the database it changed, and naming who made it. See docs/errors.md → "Audit events".
import { userInfo } from 'node:os';
import { BulwarkError } from '../core/errors.js';
import type { SecurityEvent } from '../core/types.js';
import { openEventStore } from '../store/index.js';

const MAX_NAME = 200;
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/**
 * Writes `event` to the event store at `path`. Called after the change itself succeeded (and was
 * shown): the change stands either way, so a failure says so instead of suggesting a retry that would
 * make it twice. `change` names it for that message, e.g. "grant grt_… was added".
 */
export async function recordAudit(path: string, event: SecurityEvent, change: string): Promise<void> {
  try {
    const store = openEventStore({ sqlite: { path } });
    try {
      await store.insertEvents([event]);
    } finally {
      await store.close();
    }
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new BulwarkError('AUDIT_WRITE_FAILED', `${change}, but its audit event (${event.ruleId}) could not be recorded: ${why}`, { cause: error });
  }
}

/** Who runs the command when --by is not given: the OS account, else $USER, else "unknown". */
export function operatorName(): string {
  let name: string | undefined;
  try {
    name = userInfo().username;
  } catch {
    // No passwd entry for the uid (common in containers): fall back to the environment.
  }
  for (const candidate of [name, process.env.USER]) {
    if (candidate !== undefined && candidate.trim() !== '' && candidate.length <= MAX_NAME && !CONTROL_CHARS.test(candidate)) return candidate;
  }
  return 'unknown';
}
