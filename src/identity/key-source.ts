// Signing keys for JWT verification, per issuer: a static list, or a JWKS fetched over HTTPS and
// cached with bounded refetching, so an outage keeps the last good keys for a while and a flood of
// tokens with made-up `kid`s cannot turn the gateway into a fetch amplifier against the provider.
import { performance } from 'node:perf_hooks';
import { createLocalJWKSet, errors } from 'jose';
import type { JWK, JSONWebKeySet, JWTVerifyGetKey } from 'jose';
import { request, type Dispatcher } from 'undici';

export interface RemoteKeyOptions {
  /** Keys are refetched in the background after this long (default the caller's; e.g. 10 min). */
  readonly ttlMs: number;
  /** An unknown `kid` triggers a refetch at most this often (e.g. 30 s): a flood of random kids must not become a flood of fetches. */
  readonly cooldownMs: number;
  /** Cached keys are still used this long after the last successful fetch when the provider is down (e.g. 24 h); after that they are dropped. */
  readonly staleMs: number;
  /** The whole fetch: connect, headers and body. */
  readonly timeoutMs: number;
  /** Largest JWKS or discovery document accepted (e.g. 256 KiB). */
  readonly maxBytes: number;
}

export interface KeySourceStats {
  readonly fetches: number;
  readonly failures: number;
  readonly keys: number;
  readonly lastSuccessAt: number | undefined;
}

export interface KeySource {
  /** For jose's jwtVerify: picks the key by kid (and alg / kty compatibility); throws jose's errors (JWKSNoMatchingKey etc.) when none matches. */
  readonly getKey: JWTVerifyGetKey;
  /** First load; rejects with a clear Error when the keys cannot be fetched or parsed (the caller decides whether start-up fails). */
  ready(): Promise<void>;
  /** Stops background refreshes (timers are unref'd anyway). */
  close(): void;
  /** For metrics and tests. */
  readonly stats: KeySourceStats;
}

type LocalKeySet = ReturnType<typeof createLocalJWKSet>;
type FetchOptions = Pick<RemoteKeyOptions, 'timeoutMs' | 'maxBytes'>;

/** Node turns a longer timer delay into 1 ms (with a warning); a week-long ttl simply refreshes every ~24 days. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Keys configured inline. Invalid input surfaces through ready(), like a remote source that cannot be parsed. */
export function staticKeySource(keys: readonly JWK[]): KeySource {
  let set: LocalKeySet | undefined;
  let count = 0;
  let problem: string | undefined;
  try {
    const usable = signatureKeys({ keys }, 'static keys');
    set = createLocalJWKSet(usable);
    count = usable.keys.length;
  } catch (error) {
    problem = (error as Error).message;
  }
  const loadedAt = set === undefined ? undefined : Date.now();
  return {
    getKey: async (header, token) => {
      if (set === undefined) throw new Error(`static signing keys are unusable: ${problem ?? 'unknown reason'}`);
      return set(header, token);
    },
    ready: () => (problem === undefined ? Promise.resolve() : Promise.reject(new Error(`static signing keys are unusable: ${problem}`))),
    close: () => undefined,
    stats: { fetches: 0, failures: 0, keys: count, lastSuccessAt: loadedAt },
  };
}

/**
 * A JWKS (RFC 7517 §5) at `jwksUri`, refreshed every ttlMs and on an unknown kid (at most once per
 * cooldownMs). When no usable key set is held (never loaded, or older than staleMs) getKey throws a
 * plain Error rather than a jose error: that is an outage, not a bad token, and the caller must be
 * able to tell the two apart. Either way nothing verifies: fail closed.
 */
export function remoteKeySource(jwksUri: string, options: RemoteKeyOptions): KeySource {
  assertFetchableUrl(jwksUri, 'jwks_uri');
  assertOptions(options);
  const where = describeUrl(jwksUri);

  let set: LocalKeySet | undefined;
  let count = 0;
  let fetches = 0;
  let failures = 0;
  let lastSuccessAt: number | undefined; // wall clock, for stats
  let lastSuccessMono: number | undefined; // monotonic: a clock step must not expire or revive keys
  let lastAttemptMono: number | undefined;
  let lastFailure: string | undefined;
  let inFlight: Promise<void> | undefined;
  let closed = false;

  /** The held key set, dropped once staleMs have passed since it was fetched. */
  function current(): LocalKeySet | undefined {
    if (set !== undefined && lastSuccessMono !== undefined && performance.now() - lastSuccessMono > options.staleMs) {
      set = undefined;
      count = 0;
    }
    return set;
  }

  /** One fetch at a time: concurrent callers share it. */
  function refresh(): Promise<void> {
    if (closed) return Promise.reject(new Error(`JWKS ${where}: the key source is closed`));
    inFlight ??= load().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  }

  async function load(): Promise<void> {
    lastAttemptMono = performance.now();
    fetches++;
    try {
      const usable = signatureKeys(await fetchJson(jwksUri, `JWKS ${where}`, options), `JWKS ${where}`);
      // Rebuilt on every fetch, so a key the provider has withdrawn stops verifying right away.
      set = createLocalJWKSet(usable);
      count = usable.keys.length;
      lastSuccessAt = Date.now();
      lastSuccessMono = performance.now();
      lastFailure = undefined;
    } catch (error) {
      failures++;
      lastFailure = (error as Error).message;
      throw error;
    }
  }

  function mayRefetch(): boolean {
    if (closed) return false;
    if (inFlight !== undefined || lastAttemptMono === undefined) return true;
    return performance.now() - lastAttemptMono >= options.cooldownMs;
  }

  function unavailable(): Error {
    return new Error(`signing keys are unavailable (${lastFailure ?? `JWKS ${where}: no recent successful fetch`})`);
  }

  const timer = setInterval(() => {
    refresh().catch(() => undefined); // counted in failures; the old keys stay until staleMs
  }, Math.min(options.ttlMs, MAX_TIMER_MS));
  timer.unref();

  const getKey: JWTVerifyGetKey = async (header, token) => {
    const held = current();
    if (held !== undefined) {
      try {
        return await held(header, token);
      } catch (error) {
        // OIDC Core 1.0 §10.1.1: an unrecognised kid is how a relying party learns of a rotation.
        // Only "no such key" may mean that; anything else is the token's (or the key's) problem.
        if (!(error instanceof errors.JWKSNoMatchingKey) || !mayRefetch()) throw error;
      }
    } else if (!mayRefetch()) {
      throw unavailable();
    }
    await refresh().catch(() => undefined); // a failed refetch still leaves the held keys to try
    const fresh = current();
    if (fresh === undefined) throw unavailable();
    return fresh(header, token);
  };

  return {
    getKey,
    async ready() {
      if (current() !== undefined) return;
      await refresh();
    },
    close() {
      closed = true;
      clearInterval(timer);
    },
    get stats() {
      current();
      return { fetches, failures, keys: count, lastSuccessAt };
    },
  };
}

/**
 * OpenID Connect Discovery 1.0 §4: GET `${issuer}/.well-known/openid-configuration` (issuer without
 * trailing slash), check that its `issuer` equals the given issuer exactly (§4.3), return `jwks_uri`
 * (and `introspection_endpoint` when present).
 */
export async function discoverIssuer(issuer: string, options: FetchOptions): Promise<{ jwksUri: string; introspectionEndpoint?: string }> {
  assertFetchableUrl(issuer, 'issuer');
  const parsed = new URL(issuer);
  // OIDC Discovery §2 / RFC 8414 §2: an issuer identifier has no query or fragment.
  if (parsed.search !== '' || parsed.hash !== '' || issuer.includes('?') || issuer.includes('#')) {
    throw new Error(`issuer ${describeUrl(issuer)}: must not have a query or fragment`);
  }
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  const what = `discovery document ${describeUrl(url)}`;
  const document = await fetchJson(url, what, options);
  if (!isRecord(document)) throw new Error(`${what}: not a JSON object`);
  // §4.3: an exact string comparison, so a provider cannot vouch for another issuer's tokens (mix-up).
  if (document.issuer !== issuer) throw new Error(`${what}: its issuer does not match the configured issuer`);
  const jwksUri = document.jwks_uri;
  if (typeof jwksUri !== 'string' || jwksUri === '') throw new Error(`${what}: has no jwks_uri`);
  assertFetchableUrl(jwksUri, 'jwks_uri');
  const introspection = document.introspection_endpoint;
  if (introspection === undefined) return { jwksUri };
  if (typeof introspection !== 'string' || introspection === '') throw new Error(`${what}: introspection_endpoint is not a URL`);
  assertFetchableUrl(introspection, 'introspection_endpoint');
  return { jwksUri, introspectionEndpoint: introspection };
}

/** Outbound URLs (issuer, jwks_uri) must be https, except loopback hosts (127.0.0.0/8, ::1, localhost) for development and tests; throws an Error otherwise. */
export function assertFetchableUrl(url: string, what: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`${what}: not a valid absolute URL`);
  }
  if (parsed.protocol === 'https:') return;
  // Keys fetched over plain HTTP can be swapped by anyone on the path, and then every token verifies.
  if (parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname)) return;
  throw new Error(`${what}: must be an https URL (plain http only for localhost), got ${parsed.protocol}//${parsed.host}`);
}

/** WHATWG URL has already normalised the host: lower case, IPv4 in dotted decimal, IPv6 in brackets. */
function isLoopbackHost(hostname: string): boolean {
  if (hostname === 'localhost' || hostname === '[::1]') return true;
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(hostname);
  return octets !== null && octets.slice(1).every((octet) => Number(octet) <= 255);
}

/** Origin and path only: a query string could carry a credential, and errors end up in logs. */
function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

function assertOptions(options: RemoteKeyOptions): void {
  for (const name of ['ttlMs', 'staleMs', 'timeoutMs', 'maxBytes'] as const) {
    if (!Number.isFinite(options[name]) || options[name] <= 0) throw new Error(`key source: ${name} must be a positive number`);
  }
  if (!Number.isFinite(options.cooldownMs) || options.cooldownMs < 0) throw new Error('key source: cooldownMs must not be negative');
}

/**
 * GET a JSON document: no redirects (undici's request follows none, and a 3xx is not 2xx), the whole
 * exchange bounded by timeoutMs and the body by maxBytes. Errors name the document, never its content.
 */
async function fetchJson(url: string, what: string, options: FetchOptions): Promise<unknown> {
  let response: Dispatcher.ResponseData;
  try {
    response = await request(url, {
      method: 'GET',
      headers: { accept: 'application/json' },
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    throw new Error(`${what}: fetch failed (${fetchFailure(error, options.timeoutMs)})`, { cause: error });
  }
  const { statusCode, headers, body } = response;
  // Reading errors reach us through the iterator below; without a listener, the abort error that
  // undici emits when we stop reading early (destroy) would be an uncaught exception.
  body.on('error', () => undefined);
  if (statusCode < 200 || statusCode > 299) {
    body.destroy();
    throw new Error(`${what}: HTTP ${statusCode}${statusCode >= 300 && statusCode < 400 ? ' (redirects are not followed)' : ''}`);
  }
  const declared = Number(headers['content-length']);
  if (Number.isFinite(declared) && declared > options.maxBytes) {
    body.destroy();
    throw new Error(`${what}: larger than ${options.maxBytes} bytes`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  try {
    for await (const chunk of body) {
      const buffer = chunk as Buffer;
      size += buffer.length;
      if (size > options.maxBytes) {
        tooLarge = true;
        break; // leaving the loop destroys the stream: the rest is never read
      }
      chunks.push(buffer);
    }
  } catch (error) {
    throw new Error(`${what}: fetch failed (${fetchFailure(error, options.timeoutMs)})`, { cause: error });
  }
  if (tooLarge) throw new Error(`${what}: larger than ${options.maxBytes} bytes`);
  try {
    return JSON.parse(Buffer.concat(chunks, size).toString('utf8')) as unknown;
  } catch {
    throw new Error(`${what}: not valid JSON`); // no cause: a SyntaxError quotes the text it choked on
  }
}

function fetchFailure(error: unknown, timeoutMs: number): string {
  if (!(error instanceof Error)) return 'unknown error';
  const code = (error as { code?: unknown }).code;
  if (error.name === 'TimeoutError' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
    return `no complete response within ${timeoutMs} ms`;
  }
  return typeof code === 'string' ? code : error.name;
}

/**
 * The keys a verifier may use. RFC 7517 §4.2: `use: enc` keys are for encryption, not signatures.
 * Symmetric (`oct`) and private keys do not belong in a published set: an HMAC key from a JWKS is
 * the classic algorithm-confusion opening (RFC 8725 §2.1, §3.1), so they are skipped, not trusted.
 */
function signatureKeys(document: unknown, what: string): JSONWebKeySet {
  if (!isRecord(document) || !Array.isArray(document.keys)) throw new Error(`${what}: not a key set (no "keys" array)`);
  const keys = (document.keys as unknown[]).filter((key): key is JWK =>
    isRecord(key)
    && typeof key.kty === 'string'
    && key.kty !== 'oct'
    && key.d === undefined
    && (key.use === undefined || key.use === 'sig'));
  return { keys };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
