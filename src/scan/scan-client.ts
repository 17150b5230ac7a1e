// The only way a check talks to the target: every request goes to the target's origin, waits for its
// slot under the rate limit, counts against the budget, carries the identity's credentials, and comes
// back as an Exchange with a bounded body. Redirects are never followed (a 3xx is an answer).
import { Agent, request as send } from 'undici';
import { BulwarkError } from '../core/errors.js';
import type { ScanClient, ScanRequest } from './check.js';
import { MAX_EVIDENCE_BODY, type Exchange, type ReceivedResponse, type SentRequest } from './exchange.js';

export interface ScanClientOptions {
  readonly target: URL;
  /** Requests per second, all checks together. */
  readonly rate: number;
  readonly maxRequests: number;
  readonly timeoutMs: number;
  readonly allowDestructive: boolean;
  readonly signal: AbortSignal;
}

export interface ClosableScanClient extends ScanClient {
  close(): Promise<void>;
}

/** Change or remove what exists: refused in safe mode. POST creates new data owned by the scan's identities. */
const DESTRUCTIVE = new Set(['DELETE', 'PUT', 'PATCH']);

export function createScanClient(options: ScanClientOptions): ClosableScanClient {
  const { target, rate, maxRequests, timeoutMs, allowDestructive, signal } = options;
  // Checks probe with odd requests; a connection the target closed must not fail the next one.
  const agent = new Agent({ connections: 8, keepAliveTimeout: 4_000, connect: { timeout: timeoutMs } });
  const prefix = target.pathname.replace(/\/+$/, '');
  const interval = 1000 / rate;
  let nextSlot = 0;
  let sent = 0;

  async function waitForSlot(): Promise<void> {
    const now = performance.now();
    const slot = Math.max(now, nextSlot);
    nextSlot = slot + interval;
    if (slot > now) await new Promise((resolve) => setTimeout(resolve, slot - now));
  }

  function urlOf(request: ScanRequest): URL {
    // Concatenated, not resolved: `//evil.example/x` stays a path on the target.
    const url = new URL(`${target.origin}${prefix}${request.path.startsWith('/') ? '' : '/'}${request.path}`);
    for (const [name, value] of Object.entries(request.identity?.query ?? {})) if (!url.searchParams.has(name)) url.searchParams.set(name, value);
    if (url.origin !== target.origin) throw new BulwarkError('SCAN_REQUEST_REFUSED', `${request.method} ${request.path} leaves the target ${target.origin}`);
    return url;
  }

  return {
    get sent() {
      return sent;
    },
    allows: (method) => allowDestructive || !DESTRUCTIVE.has(method.toUpperCase()),
    async send(request) {
      const method = request.method.toUpperCase();
      if (!allowDestructive && DESTRUCTIVE.has(method)) throw new BulwarkError('SCAN_REQUEST_REFUSED', `${method} is destructive: only with --allow-destructive`);
      if (signal.aborted) throw new BulwarkError('SCAN_INTERRUPTED', 'the scan was interrupted');
      if (sent >= maxRequests) throw new BulwarkError('SCAN_BUDGET_EXHAUSTED', `the request budget (${maxRequests}) is spent`);
      const sentRequest: SentRequest = {
        method,
        url: urlOf(request).href,
        headers: headersOf(request),
        ...(request.body === undefined ? {} : { body: request.body }),
      };
      sent++;
      await waitForSlot();
      return exchange(agent, sentRequest, request.timeoutMs ?? timeoutMs, signal);
    },
    close: () => agent.close(),
  };
}

/** The request's headers win over the identity's, except cookies: a cookie parameter and a session cookie travel together. */
function headersOf(request: ScanRequest): Record<string, string> {
  const own = lowercased(request.identity?.headers ?? {});
  const given = lowercased(request.headers ?? {});
  const cookies = [given.cookie, own.cookie].filter((cookie): cookie is string => cookie !== undefined && cookie !== '');
  return { ...own, ...given, ...(cookies.length > 1 ? { cookie: cookies.join('; ') } : {}) };
}

function lowercased(headers: Readonly<Record<string, string>>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) result[name.toLowerCase()] = value;
  return result;
}

async function exchange(agent: Agent, request: SentRequest, timeoutMs: number, signal: AbortSignal): Promise<Exchange> {
  const started = performance.now();
  try {
    const answer = await send(request.url, {
      dispatcher: agent,
      method: request.method as never,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const { body, isTruncated } = await readBounded(answer.body);
    const response: ReceivedResponse = {
      status: answer.statusCode,
      headers: flatHeaders(answer.headers),
      body,
      isTruncated,
      durationMs: performance.now() - started,
    };
    return { request, response };
  } catch (error) {
    if (signal.aborted) throw new BulwarkError('SCAN_INTERRUPTED', 'the scan was interrupted', { cause: error });
    return { request, error: describe(error, timeoutMs) };
  }
}

/** Keeps the first MAX_EVIDENCE_BODY bytes and drops the connection's remainder unread. */
async function readBounded(body: AsyncIterable<Buffer> & { destroy(): void }): Promise<{ body: string; isTruncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size > MAX_EVIDENCE_BODY) {
      body.destroy();
      return { body: Buffer.concat(chunks).subarray(0, MAX_EVIDENCE_BODY).toString('utf8'), isTruncated: true };
    }
  }
  return { body: Buffer.concat(chunks).toString('utf8'), isTruncated: false };
}

function flatHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    result[name.toLowerCase()] = Array.isArray(value) ? value.join(name.toLowerCase() === 'set-cookie' ? '\n' : ', ') : value;
  }
  return result;
}

function describe(error: unknown, timeoutMs: number): string {
  const code = (error as { code?: unknown }).code;
  if ((error as Error).name === 'TimeoutError' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return `no answer within ${timeoutMs} ms`;
  return typeof code === 'string' ? code : (error as Error).message;
}
