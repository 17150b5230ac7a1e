// HTTP and HTTPS listeners with the connection-level limits of SECURITY-BASELINE.md: header bytes,
// header and request timeouts checked every second, keep-alive, requests per socket, TLS >= 1.2,
// and optionally client certificates (mutual TLS) verified against the listener's own CA file.
// Errors llhttp finds before a request exists (malformed, oversized, slow) get a problem+json too.
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { BulwarkError } from '../core/errors.js';
import type { GatewayConfig, ListenerConfig } from './gateway-config.js';
import { hostOf } from './host-header.js';
import { PROBLEM_CONTENT_TYPE, problemBody } from './problem.js';

export interface Listener {
  readonly protocol: 'http' | 'https';
  readonly url: string;
  readonly server: Server;
}

export interface ListenerHandlers {
  handle(req: IncomingMessage, res: ServerResponse, protocol: 'http' | 'https'): void;
  /** A request rejected by the HTTP parser or a timeout before it reached the pipeline. */
  onClientError(ruleId: string, status: number, remoteAddress: string | undefined): void;
}

const CLIENT_ERRORS: Record<string, { status: number; ruleId: string; detail: string }> = {
  HPE_HEADER_OVERFLOW: { status: 431, ruleId: 'limits.headers-too-large', detail: 'The request headers are too large.' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, ruleId: 'limits.request-timeout', detail: 'The request was not received in time.' },
  ERR_HTTP_HEADERS_TIMEOUT: { status: 408, ruleId: 'limits.request-timeout', detail: 'The request headers were not received in time.' },
};

export async function startListener(listener: ListenerConfig, server: GatewayConfig['server'], handlers: ListenerHandlers, keyPath: string): Promise<Listener> {
  const options = {
    maxHeaderSize: server.maxHeaderBytes,
    headersTimeout: server.timeouts.headers,
    requestTimeout: server.timeouts.request,
    keepAliveTimeout: server.timeouts.keepAlive,
    connectionsCheckingInterval: 1000,
    requireHostHeader: true,
    joinDuplicateHeaders: false,
    insecureHTTPParser: false,
  };
  const protocol = listener.protocol;
  const handler = listener.redirectToHttps === undefined
    ? (req: IncomingMessage, res: ServerResponse) => handlers.handle(req, res, protocol)
    : redirectHandler(listener.redirectToHttps.port);
  let httpServer: Server;
  if (protocol === 'https') {
    if (!listener.tls) throw new BulwarkError('CONFIG_INVALID', `${keyPath}.tls is required for an https listener`);
    const problem = clientCertificateProblem(listener.tls, `${keyPath}.tls`);
    if (problem !== undefined) throw new BulwarkError('CONFIG_INVALID', problem);
    httpServer = createHttpsServer({
      ...options,
      cert: readPem(listener.tls.cert, `${keyPath}.tls.cert`),
      key: readPem(listener.tls.key, `${keyPath}.tls.key`),
      ...(listener.tls.ca === undefined ? {} : { ca: readPem(listener.tls.ca, `${keyPath}.tls.ca`) }),
      minVersion: listener.tls.minVersion,
      ...clientCertificateOptions(listener.tls, `${keyPath}.tls`),
    }, handler);
  } else {
    httpServer = createHttpServer(options, handler);
  }
  httpServer.maxRequestsPerSocket = server.maxRequestsPerSocket;
  // Node drops headers past maxHeadersCount silently; 0 keeps them all (maxHeaderSize bounds the bytes)
  // so the limits stage can count them and answer 431 itself.
  httpServer.maxHeadersCount = 0;
  httpServer.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    const known = CLIENT_ERRORS[error.code ?? ''];
    const answer = known ?? (error.code?.startsWith('HPE_') ? { status: 400, ruleId: 'gateway.malformed-request', detail: 'The request is not valid HTTP/1.1.' } : undefined);
    if (answer) handlers.onClientError(answer.ruleId, answer.status, socket.remoteAddress);
    if (!answer || !socket.writable) {
      socket.destroy();
      return;
    }
    const body = problemBody({ status: answer.status, ruleId: answer.ruleId, detail: answer.detail, requestId: 'none' });
    socket.end(`HTTP/1.1 ${answer.status} ${statusText(answer.status)}\r\ncontent-type: ${PROBLEM_CONTENT_TYPE}\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
  });
  if (protocol === 'https') {
    // A failed TLS handshake never reaches HTTP; it is counted, the socket is already gone.
    httpServer.on('tlsClientError', () => handlers.onClientError('gateway.tls-handshake-failed', 0, undefined));
  }
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', (error) => reject(new BulwarkError('GATEWAY_LISTEN_FAILED', `${keyPath}: cannot listen on ${listener.host}:${listener.port} (${error.message})`, { cause: error })));
    httpServer.listen(listener.port, listener.host, () => resolve());
  });
  const address = httpServer.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { protocol, server: httpServer, url: `${protocol}://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}` };
}

const SAFE_HOST = /^(?:[a-z0-9.-]{1,253}|\[[0-9a-f:.]{2,45}\])$/;

/** 308 to HTTPS on the configured port; a Host that is not a plain host name gets 400 (no open redirect). */
function redirectHandler(httpsPort: number) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const host = hostOf(req.headers.host);
    const target = req.url ?? '/';
    if (!SAFE_HOST.test(host) || !target.startsWith('/') || target.startsWith('//')) {
      res.writeHead(400, { 'content-type': PROBLEM_CONTENT_TYPE, connection: 'close' });
      res.end(problemBody({ status: 400, ruleId: 'gateway.redirect-invalid-host', detail: 'The Host header is not valid.', requestId: 'none' }));
      return;
    }
    const port = httpsPort === 443 ? '' : `:${httpsPort}`;
    res.writeHead(308, { location: `https://${host}${port}${target}`, 'content-length': '0' });
    res.end();
  };
}

type ListenerTls = NonNullable<ListenerConfig['tls']>;

/** Why the listener's client-certificate settings cannot work, naming the key; undefined when they can. */
export function clientCertificateProblem(tls: ListenerTls, keyPath: string): string | undefined {
  if (tls.clientCertificates === 'none') return undefined;
  if (tls.clientCa === undefined) return `${keyPath}.clientCa is required when ${keyPath}.clientCertificates is ${tls.clientCertificates}`;
  // TLS trusts every CA in `ca` for client certificates too: the set would silently grow past clientCa.
  if (tls.ca !== undefined) return `${keyPath}.ca cannot be combined with ${keyPath}.clientCertificates (its CAs would be trusted for client certificates too); put intermediates in ${keyPath}.cert and client CAs in ${keyPath}.clientCa`;
  return undefined;
}

/**
 * 'require': the handshake fails without a certificate that verifies against clientCa. 'request':
 * the certificate is asked for and verified, but the handshake goes on whatever the outcome, and
 * the identity stage reads socket.authorized / authorizationError to decide per request.
 */
function clientCertificateOptions(tls: ListenerTls, keyPath: string): { requestCert?: boolean; rejectUnauthorized?: boolean; ca?: Buffer } {
  if (tls.clientCertificates === 'none' || tls.clientCa === undefined) return {};
  return { requestCert: true, rejectUnauthorized: tls.clientCertificates === 'require', ca: readPem(tls.clientCa, `${keyPath}.clientCa`) };
}

function readPem(file: string, keyPath: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new BulwarkError('CONFIG_TLS_FILE', `${keyPath}: cannot read ${file} (${(error as Error).message})`, { cause: error });
  }
}

function statusText(status: number): string {
  return status === 431 ? 'Request Header Fields Too Large' : status === 408 ? 'Request Timeout' : 'Bad Request';
}
