// Checks and normalises an EventQuery independently of the backend, so every store (SQLite now,
// PostgreSQL later) accepts and rejects exactly the same queries.
import { BulwarkError } from '../core/errors.js';
import { EVENT_ACTIONS } from '../core/types.js';
import type { EventQuery } from './event-store.js';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 10_000;

export interface NormalizedEventQuery extends Omit<EventQuery, 'limit'> {
  limit: number;
}

/**
 * Checks a query at run time (it may come from the admin API as JSON) and puts its times into the
 * canonical form stored in `time`, so comparisons are between instants, not between spellings.
 */
export function normalizeEventQuery(query: EventQuery): NormalizedEventQuery {
  if (typeof query !== 'object' || query === null) throw invalidQuery('query', 'must be an object');
  const limit: unknown = query.limit ?? DEFAULT_LIMIT;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw invalidQuery('limit', `must be an integer from 1 to ${MAX_LIMIT}`);
  }
  if (query.action !== undefined && !EVENT_ACTIONS.includes(query.action)) {
    throw invalidQuery('action', `must be one of ${EVENT_ACTIONS.join(', ')}`);
  }
  const before: unknown = query.before;
  if (before !== undefined && (typeof before !== 'object' || before === null)) {
    throw invalidQuery('before', 'must be an object with time and id');
  }
  return {
    since: query.since === undefined ? undefined : queryTime('since', query.since),
    until: query.until === undefined ? undefined : queryTime('until', query.until),
    ruleId: queryText('ruleId', query.ruleId),
    action: query.action,
    stage: queryText('stage', query.stage),
    route: queryText('route', query.route),
    clientIp: queryText('clientIp', query.clientIp),
    limit,
    before: query.before && { time: queryTime('before.time', query.before.time), id: queryId(query.before.id) },
  };
}

export function queryTime(field: string, value: unknown): string {
  const time = typeof value === 'string' ? canonicalTime(value) : undefined;
  if (time === undefined) throw invalidQuery(field, 'must be an ISO 8601 date, or date-time with a time zone');
  return time;
}

function queryText(field: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') throw invalidQuery(field, 'must be a non-empty string');
  return value;
}

function queryId(value: unknown): string {
  const id = queryText('before.id', value);
  if (id === undefined) throw invalidQuery('before.id', 'is required');
  return id;
}

function invalidQuery(field: string, problem: string): BulwarkError {
  return new BulwarkError('STORE_QUERY_INVALID', `event query: ${field} ${problem}`);
}

/**
 * An ISO 8601 date (UTC midnight) or date-time with a zone, as toISOString() writes it. A
 * date-time without a zone is refused: it would mean the server's local time, silently.
 */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

export function canonicalTime(value: string): string | undefined {
  if (!ISO_TIME.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}
