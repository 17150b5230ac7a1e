// The request path: normalise, route, run the request stages, buffer the body only if a stage asks,
// forward with undici, run the response stages, stream the answer back, then record events and metrics.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Transform, Writable } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import type { Logger } from 'pino';
import type { SecurityEvent } from '../core/types.js';
import type { EventSink } from '../events/event-sink.js';
import { clientIpFrom } from './client-ip.js';
import { hostOf } from './host-header.js';
import { canonicalIp } from './ip-matcher.js';
import { acceptableRequestId, clientResponseHeaders, upstreamRequestHeaders } from './forward-headers.js';
import type { GatewayMetrics } from './metrics.js';
import { cachedChildren, statusClass } from './metrics.js';
import { normalizePath } from './normalize-path.js';
import { runPhase, runResponsePhase, type PhaseOutcome, type PipelineDeps } from './pipeline.js';
import { PROBLEM_CONTENT_TYPE, problemBody } from './problem.js';
import { decodeBody, hasRequestBody, mediaTypeOf, parseEncodings, readRequestBody, type RequestBody } from './request-body.js';
import type { RecordedEvent, RequestContext, ResponseHead } from './request-context.js';
import type { CompiledRoute, GatewayRuntime } from './runtime.js';
import type { ResponseBody } from './stage.js';
import { denialForBodyFailure } from './stages/limits/index.js';
import { classifyUpstreamError } from './upstream-errors.js';
import type { Denial } from './verdict.js';

export interface GatewayDeps extends PipelineDeps {
  readonly logger: Logger;
  readonly metrics: GatewayMetrics;
  readonly sink: EventSink;
  readonly isTrustedProxy: (ip: string) => boolean;
  /** One info line per request (no headers, no query string: they may carry secrets). */
  readonly accessLog: boolean;
}

export interface Gateway {
  handle(req: IncomingMessage, res: ServerResponse, protocol: 'http' | 'https'): void;
  swap(runtime: GatewayRuntime): void;
  runtime(): GatewayRuntime;
  readonly inFlight: number;
}

const DEFAULT_BODY_LIMIT = { maxBytes: 1024 * 1024, maxInflateRatio: 100 };

export function createGateway(initial: GatewayRuntime, deps: GatewayDeps): Gateway {
  let current = initial;
  let inFlight = 0;
  deps.metrics.readInFlightFrom(() => inFlight);
  const requestsOf = cachedChildren((route, method, statusClassName) => deps.metrics.requests.labels(route, method, statusClassName));
  const durationOf = cachedChildren((route) => deps.metrics.duration.labels(route));
  const upstreamDurationOf = cachedChildren((route) => deps.metrics.upstreamDuration.labels(route));
  const denialsOf = cachedChildren((stage, rule, route, action) => deps.metrics.denials.labels(stage, rule, route, action));
  const eventsOf = cachedChildren((stage, rule, route, action) => deps.metrics.events.labels(stage, rule, route, action));

  async function handle(req: IncomingMessage, res: ServerResponse, protocol: 'http' | 'https'): Promise<void> {
    const runtime = current;
    const startedAt = performance.now();
    const rawPeer = req.socket.remoteAddress ?? '';
    const remoteAddress = canonicalIp(rawPeer) ?? rawPeer; // IPv4-mapped IPv6 from dual-stack sockets unwrapped
    const isPeerTrusted = remoteAddress !== '' && deps.isTrustedProxy(remoteAddress);
    const requestId = (isPeerTrusted ? acceptableRequestId(req.headers['x-request-id']) : undefined) ?? randomUUID();
    const normalized = normalizePath(req.url ?? '', { mergeSlashes: runtime.config.server.mergeSlashes });
    const host = hostOf(req.headers.host);
    const route = normalized.ok ? runtime.table.find(host, normalized.path) ?? runtime.fallback : runtime.fallback;
    const ctx: RequestContext = {
      id: requestId,
      startedAt,
      method: req.method ?? 'GET',
      url: req.url ?? '',
      path: normalized.ok ? normalized.path : '/',
      query: normalized.ok ? normalized.query : '',
      headers: req.headers,
      rawHeaders: req.rawHeaders,
      protocol,
      // Always set (undefined on http) so every context has the same shape.
      tls: protocol === 'https' ? req.socket as TLSSocket : undefined,
      host,
      remoteAddress,
      clientIp: isPeerTrusted ? clientIpFrom(remoteAddress, req.headers['x-forwarded-for'], deps.isTrustedProxy) : remoteAddress,
      routeName: route.name,
      bodyLimit: DEFAULT_BODY_LIMIT,
      events: [],
    };
    res.on('close', () => finish(ctx, res, route));

    if (!normalized.ok) {
      return sendDenial(ctx, res, route, 'gateway', gatewayDenial(400, 'gateway.path-invalid', `The request path is not acceptable (${normalized.reason}).`));
    }
    if (route === runtime.fallback || route.upstream === undefined) {
      return sendDenial(ctx, res, route, 'gateway', gatewayDenial(404, 'gateway.route-not-found', 'No route serves this host and path.', 'low'));
    }
    if (route.contract) {
      // Matched once, before the stages, so every stage (and every event) knows the operation.
      const match = route.contract.match(ctx.method, ctx.path);
      ctx.contract = match;
      if (match.kind === 'found') ctx.operation = match.value.operation;
    }

    let requestOutcome = runPhase(ctx, route.requestStages, (s) => s.stage.onRequest!(ctx), deps);
    if (requestOutcome instanceof Promise) requestOutcome = await requestOutcome;
    if (answered(ctx, res, route, requestOutcome)) return;

    let body: RequestBody | undefined;
    if (hasRequestBody(req.headers) && route.bodyStages.some((s) => s.stage.needsBody?.(ctx) ?? true)) {
      const read = await readRequestBody(req, ctx.bodyLimit);
      if (!('raw' in read)) return sendDenial(ctx, res, route, 'limits', denialForBodyFailure(read));
      body = read;
      if (answered(ctx, res, route, await runPhase(ctx, route.bodyStages, (s) => s.stage.onRequestBody!(ctx, read), deps))) return;
    }
    return forward(ctx, req, res, route, body, isPeerTrusted);
  }

  async function forward(ctx: RequestContext, req: IncomingMessage, res: ServerResponse, route: CompiledRoute, body: RequestBody | undefined, isPeerTrusted: boolean): Promise<void> {
    const upstream = route.upstream!;
    const headers = upstreamRequestHeaders(req.headers, {
      requestId: ctx.id, remoteAddress: ctx.remoteAddress, protocol: ctx.protocol, isPeerTrusted, host: ctx.host,
    }, upstream.preserveHost ? (req.headers.host ?? upstream.host) : upstream.host);
    if (ctx.upstreamHeaders) {
      for (const [name, value] of Object.entries(ctx.upstreamHeaders)) {
        if (value === undefined) delete headers[name];
        else headers[name] = value;
      }
    }
    const path = upstream.basePath + forwardedPath(ctx.path, route) + (ctx.query === '' ? '' : `?${ctx.query}`);
    let tooLarge = false;
    let requestBody: Buffer | Transform | IncomingMessage | null = null;
    if (body) requestBody = body.raw;
    else if (hasRequestBody(req.headers)) requestBody = route.capsStreamedBody ? limitedStream(req, ctx.bodyLimit.maxBytes, () => { tooLarge = true; }) : req;

    const sentAt = performance.now();
    try {
      // stream() hands the upstream body straight to `res` (no intermediate Readable) and aborts the
      // upstream request when `res` closes early, so a client that leaves costs no upstream work.
      await upstream.pool.stream({ method: ctx.method, path, headers, body: requestBody }, ({ statusCode, headers: answer }) => {
        upstreamDurationOf(route.name).observe((performance.now() - sentAt) / 1000);
        const head: ResponseHead = { status: statusCode, headers: clientResponseHeaders(answer), isLocal: false };
        const outcome = runResponsePhase(ctx, route.responseStages, (s) => s.stage.onResponse!(ctx, head), deps);
        if (outcome.action === 'deny') {
          sendDenial(ctx, res, route, outcome.stage, outcome.denial);
          return discard();
        }
        head.headers['x-request-id'] = ctx.id;
        const inspect = responseBodyLimit(ctx, route, head);
        if (inspect > 0) return bufferResponse(ctx, res, route, head, inspect);
        res.writeHead(head.status, head.headers as Record<string, string | string[]>);
        return res;
      });
    } catch (error) {
      if (tooLarge) return sendDenial(ctx, res, route, 'limits', denialForBodyFailure({ kind: 'too-large', limit: ctx.bodyLimit.maxBytes }));
      if (res.destroyed) return; // the client left; nothing to answer
      if (res.headersSent) {
        // Headers are gone; all that is left is to cut the connection so the client sees a broken body.
        deps.metrics.upstreamErrors.labels(route.name, 'body').inc();
        deps.logger.warn({ requestId: ctx.id, route: route.name, code: (error as { code?: string }).code }, 'upstream response body failed');
        res.destroy();
        return;
      }
      const failure = classifyUpstreamError(error);
      deps.metrics.upstreamErrors.labels(route.name, failure.kind).inc();
      deps.logger.warn({ requestId: ctx.id, route: route.name, kind: failure.kind, code: (error as { code?: string }).code }, 'upstream request failed');
      return sendDenial(ctx, res, route, 'gateway', gatewayDenial(failure.status, failure.ruleId, failure.detail, 'low', 'upstream-failure'), 'error');
    }
  }

  /** The most bytes any response-body stage wants to see of this response; 0 when none does. */
  function responseBodyLimit(ctx: RequestContext, route: CompiledRoute, head: ResponseHead): number {
    if (route.responseBodyStages.length === 0 || ctx.method === 'HEAD' || head.status === 204 || head.status === 304) return 0;
    let limit = 0;
    for (const compiled of route.responseBodyStages) limit = Math.max(limit, compiled.stage.responseBodyLimit?.(ctx, head) ?? 0);
    return limit;
  }

  /**
   * Collects the upstream body (up to `limit`) for the response-body stages, then answers with it,
   * a replacement, or a denial. A body over the limit is streamed through uninspected, with an event:
   * buffering it would cost unbounded memory, and cutting it would break the API.
   */
  function bufferResponse(ctx: RequestContext, res: ServerResponse, route: CompiledRoute, head: ResponseHead, limit: number): Writable {
    const chunks: Buffer[] = [];
    let size = 0;
    let isStreaming = false;
    const startStreaming = (): void => {
      isStreaming = true;
      ctx.events.push({ ruleId: 'gateway.response-uninspected', stage: 'gateway', category: 'API3:2023', severity: 'low', action: 'allowed', detail: `the response body is larger than ${limit} bytes and was passed on without inspection` });
      res.writeHead(head.status, head.headers as Record<string, string | string[]>);
      for (const chunk of chunks) res.write(chunk);
      chunks.length = 0;
    };
    const collector = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        if (!isStreaming) {
          size += chunk.length;
          if (size <= limit) {
            chunks.push(chunk);
            callback();
            return;
          }
          chunks.push(chunk);
          startStreaming();
          callback();
          return;
        }
        if (res.write(chunk)) callback();
        else res.once('drain', () => callback());
      },
      final(callback) {
        if (isStreaming) {
          res.end(() => callback());
          return;
        }
        inspectResponseBody(ctx, res, route, head, Buffer.concat(chunks, size), limit).then(() => callback(), callback);
      },
    });
    res.once('close', () => { if (!collector.writableFinished) collector.destroy(); });
    return collector;
  }

  async function inspectResponseBody(ctx: RequestContext, res: ServerResponse, route: CompiledRoute, head: ResponseHead, raw: Buffer, limit: number): Promise<void> {
    const encodings = parseEncodings(headerValue(head.headers['content-encoding']));
    const decoded = await decodeBody(raw, encodings, { maxBytes: limit, maxInflateRatio: DEFAULT_BODY_LIMIT.maxInflateRatio });
    if (!Buffer.isBuffer(decoded)) {
      ctx.events.push({ ruleId: 'gateway.response-uninspected', stage: 'gateway', category: 'API3:2023', severity: 'low', action: 'allowed', detail: 'the response body could not be decoded within the inspection limit and was passed on without inspection' });
      return sendBody(res, head, raw);
    }
    let replacement: Buffer | undefined;
    const body: ResponseBody = {
      mediaType: mediaTypeOf(headerValue(head.headers['content-type'])),
      bytes: decoded,
      replace(bytes) {
        replacement = bytes;
      },
    };
    const outcome = runResponsePhase(ctx, route.responseBodyStages, (s) => s.stage.onResponseBody!(ctx, head, body), deps);
    if (outcome.action === 'deny') return sendDenial(ctx, res, route, outcome.stage, outcome.denial);
    if (replacement === undefined) return sendBody(res, head, raw);
    delete head.headers['content-encoding'];
    delete head.headers.etag; // the representation changed
    return sendBody(res, head, replacement);
  }

  function sendBody(res: ServerResponse, head: ResponseHead, bytes: Buffer): void {
    if (res.destroyed) return;
    delete head.headers['transfer-encoding'];
    head.headers['content-length'] = String(bytes.length);
    res.writeHead(head.status, head.headers as Record<string, string | string[]>);
    res.end(bytes);
  }

  /** Answers a phase's reply or denial; false when the request goes on. */
  function answered(ctx: RequestContext, res: ServerResponse, route: CompiledRoute, outcome: PhaseOutcome): boolean {
    if (outcome.action === 'continue') return false;
    if (outcome.action === 'reply') sendLocal(ctx, res, route, outcome.status, { ...outcome.headers }, '');
    else sendDenial(ctx, res, route, outcome.stage, outcome.denial);
    return true;
  }

  /** Every denial is answered here, whoever made it, so it is counted and recorded in one place. */
  function sendDenial(ctx: RequestContext, res: ServerResponse, route: CompiledRoute, stage: string, denial: Denial, action: 'blocked' | 'error' = 'blocked'): void {
    ctx.events.push({ ruleId: denial.ruleId, stage, category: denial.category, severity: denial.severity, action, detail: denial.detail, ...(denial.evidence ? { evidence: denial.evidence } : {}) });
    const bodyText = problemBody({ status: denial.status, ruleId: denial.ruleId, detail: denial.detail, requestId: ctx.id, ...(denial.problems ? { errors: denial.problems } : {}) });
    sendLocal(ctx, res, route, denial.status, { ...denial.headers, 'content-type': PROBLEM_CONTENT_TYPE }, bodyText);
  }

  function sendLocal(ctx: RequestContext, res: ServerResponse, route: CompiledRoute, status: number, headers: Record<string, string>, bodyText: string): void {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const head: ResponseHead = { status, headers: { ...headers, 'content-length': String(Buffer.byteLength(bodyText)), 'x-request-id': ctx.id }, isLocal: true };
    // Security headers apply to local answers too; a denial here cannot be answered with another one.
    runResponsePhase(ctx, route.responseStages, (s) => s.stage.onResponse!(ctx, head), deps);
    // A request whose body was not read must not be followed by another on the same connection.
    if (!res.req.complete) head.headers.connection = 'close';
    res.writeHead(head.status, head.headers as Record<string, string | string[]>);
    res.end(ctx.method === 'HEAD' ? undefined : bodyText);
  }

  function finish(ctx: RequestContext, res: ServerResponse, route: CompiledRoute): void {
    const seconds = (performance.now() - ctx.startedAt) / 1000;
    const status = res.headersSent ? res.statusCode : 499;
    inFlight--;
    if (ctx.onFinish) {
      for (const callback of ctx.onFinish) {
        try {
          callback();
        } catch (error) {
          deps.logger.error({ err: error, requestId: ctx.id }, 'request finish callback failed');
        }
      }
    }
    requestsOf(route.name, ctx.method, statusClass(status)).inc();
    durationOf(route.name).observe(seconds);
    for (const recorded of ctx.events) {
      // Counted here, once, whoever recorded it: a pipeline denial, a per-rule monitor, a gateway answer.
      if (recorded.action !== 'allowed') denialsOf(recorded.stage, recorded.ruleId, route.name, recorded.action).inc();
      eventsOf(recorded.stage, recorded.ruleId, route.name, recorded.action).inc();
      const event = toSecurityEvent(ctx, recorded, status);
      deps.sink.write(event);
      // The JSON log carries events too, for log pipelines that never read the store.
      deps.logger.warn({ type: 'security-event', event }, 'security event');
    }
    if (deps.accessLog) deps.logger.info({ type: 'access', requestId: ctx.id, route: route.name, method: ctx.method, path: ctx.path, status, clientIp: ctx.clientIp, durationMs: Math.round(seconds * 1e6) / 1e3, events: ctx.events.length || undefined }, 'request');
  }

  return {
    handle(req, res, protocol) {
      inFlight++; // decremented in finish(), on the response's close
      handle(req, res, protocol).catch((error: unknown) => {
        // A bug, not a client's doing: answer 500 without internals and keep serving.
        deps.logger.error({ err: error, url: req.url }, 'request handler failed');
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': PROBLEM_CONTENT_TYPE, connection: 'close' });
          res.end(problemBody({ status: 500, ruleId: 'gateway.internal', detail: 'The gateway failed to handle the request.', requestId: 'unknown' }));
        } else {
          res.destroy();
        }
      });
    },
    swap(runtime) {
      current = runtime;
    },
    runtime: () => current,
    get inFlight() {
      return inFlight;
    },
  };
}

function gatewayDenial(status: number, ruleId: string, detail: string, severity: Denial['severity'] = 'medium', category = 'API8:2023'): Denial {
  return { action: 'deny', status, ruleId, detail, severity, category };
}

function toSecurityEvent(ctx: RequestContext, recorded: RecordedEvent, status: number): SecurityEvent {
  return {
    id: randomUUID(),
    time: new Date().toISOString(),
    ...recorded,
    status,
    route: ctx.routeName,
    method: ctx.method,
    path: ctx.path,
    clientIp: ctx.clientIp,
    requestId: ctx.id,
    ...(ctx.operation ? { operation: `${ctx.operation.method} ${ctx.operation.pathTemplate}` } : {}),
    ...(ctx.consumer ? { consumer: ctx.consumer.id } : {}),
  };
}

/** The path as the upstream (and its OpenAPI document) sees it: without the route prefix when stripped. */
function forwardedPath(path: string, route: CompiledRoute): string {
  if (!route.stripPrefix || route.pathPrefix === '/') return path;
  const rest = path.slice(route.pathPrefix.replace(/\/$/, '').length);
  return rest === '' ? '/' : rest;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

/** Where an upstream body goes when a response-phase stage replaced the answer: read and dropped. */
function discard(): Writable {
  return new Writable({ write: (_chunk, _encoding, callback) => callback() });
}

/** Streams a body through while counting; errors (and reports) when it exceeds maxBytes. */
function limitedStream(req: IncomingMessage, maxBytes: number, onExceeded: () => void): Transform {
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > maxBytes) {
        onExceeded();
        callback(new Error('request body exceeds the limit'));
        return;
      }
      callback(null, chunk);
    },
  });
  req.pipe(counter);
  req.once('error', (error) => counter.destroy(error));
  return counter;
}
