// One login or token request: undici (or an injected fetch), a bounded time for the whole
// exchange, a bounded answer, and no redirect followed, so a credential never travels to an origin
// the profile did not name (a 3xx is an answer; the caller decides whether it carries a token).
import { request } from 'undici';

/** The part of the WHATWG fetch API used here: Node's global fetch and undici's fetch both fit. */
export type FetchLike = (url: string, init: {
  method: string;
  headers: Record<string, string>;
  body?: string;
  redirect: 'manual';
  signal: AbortSignal;
}) => Promise<FetchAnswer>;

export interface FetchAnswer {
  readonly status: number;
  readonly headers: { get(name: string): string | null; getSetCookie(): string[] };
  readonly body: AsyncIterable<Uint8Array> | null;
}

export interface HttpAnswer {
  readonly status: number;
  header(name: string): string | undefined;
  readonly setCookies: readonly string[];
  readonly body: string;
}

export interface SendOptions {
  readonly fetch?: FetchLike;
  readonly timeoutMs: number;
}

/** Answers larger than this are refused: a login or token answer is a few hundred bytes. */
export const MAX_ANSWER_BYTES = 1024 * 1024;

/**
 * undici's request behind the fetch shape. Not undici's fetch: that refuses the WHATWG "bad ports"
 * (6000, 10080...), where a staging API may well listen, and adds headers of its own.
 */
export const defaultFetch: FetchLike = async (url, init) => {
  const answer = await request(url, { method: init.method, headers: init.headers, body: init.body ?? null, signal: init.signal });
  const headerOf = (name: string) => answer.headers[name.toLowerCase()];
  return {
    status: answer.statusCode,
    headers: {
      get: (name) => {
        const value = headerOf(name);
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
      getSetCookie: () => [headerOf('set-cookie') ?? []].flat(),
    },
    body: answer.body,
  };
};

/** Rejects with an Error whose message is safe to show: it names no header or body value. */
export async function sendRequest(url: URL, outgoing: { method: string; headers: Record<string, string>; body?: string }, options: SendOptions): Promise<HttpAnswer> {
  // A timer of our own, not AbortSignal.timeout: that one is unref'd, and a CLI waiting only for a
  // login would exit instead of reporting the timeout.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException('timed out', 'TimeoutError')), options.timeoutMs);
  const { signal } = controller;
  try {
    const answer = await (options.fetch ?? defaultFetch)(url.href, { ...outgoing, redirect: 'manual', signal });
    const body = await readBounded(answer.body);
    return {
      status: answer.status,
      header: (name) => answer.headers.get(name) ?? undefined,
      setCookies: answer.headers.getSetCookie(),
      body,
    };
  } catch (error) {
    throw new Error(describeFailure(error, signal, options.timeoutMs), { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

async function readBounded(body: AsyncIterable<Uint8Array> | null): Promise<string> {
  if (body === null) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  // Leaving the loop early (the throw) cancels the stream, so the rest is never downloaded.
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > MAX_ANSWER_BYTES) throw new AnswerTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

class AnswerTooLarge extends Error {}

function describeFailure(error: unknown, signal: AbortSignal, timeoutMs: number): string {
  if (error instanceof AnswerTooLarge) return `the answer is larger than ${MAX_ANSWER_BYTES / 1024 / 1024} MB`;
  if (signal.aborted) return `no answer within ${timeoutMs} ms`;
  // undici's request rejects with { code: 'ECONNREFUSED' }; fetch wraps it: TypeError('fetch failed', { cause }).
  const cause = (error as { cause?: { code?: unknown } }).cause;
  const code = (error as { code?: unknown }).code ?? cause?.code;
  return typeof code === 'string' ? `the request failed (${code})` : 'the request failed';
}
