// API7: server-side request forgery. Every URL-like parameter or body field gets (1) the URL of a
// loopback listener with a random token: the token arriving there proves the server fetched it;
// (2) cloud metadata and private addresses: proven only when the answer shows the attempt
// (metadata content, a connection error naming the address) and a control URL whose host cannot
// resolve (RFC 2606 `.invalid`) is answered otherwise. The scanner itself never requests these URLs.
import { randomBytes } from 'node:crypto';
import type { OperationSpec } from '../../../contract/index.js';
import type { ScanCheck, ScanContext } from '../../check.js';
import type { Exchange } from '../../exchange.js';
import type { Identity } from '../../identity.js';
import { injectionPoints, withBodyField, withParameter, type BuiltRequest, type InjectionPoint } from '../../requests/index.js';
import { isSecured, isSuccess } from '../probe.js';
import { sendAs } from '../probe-send.js';
import { startOobListener } from './oob-listener.js';

interface Target {
  readonly operation: OperationSpec;
  readonly identity: Identity | undefined;
  readonly built: BuiltRequest;
  readonly point: InjectionPoint;
}

/** Places worth probing, so a large API does not cost thousands of requests. */
const MAX_TARGETS = 20;
/** How long the listener waits for the last callback: a slow target fetches late. */
const CALLBACK_WAIT_MS = 3_000;
const URL_FORMATS = new Set(['uri', 'url', 'uri-reference', 'iri', 'iri-reference']);
const URL_NAME = /(?:url|uri|callback|webhook|target|href|endpoint|image|avatar|link|redirect|feed|proxy)s?$/i;
const CONTROL_HOST = 'bulwark-ssrf-control.invalid';
const ERROR_CODES = '(?:ETIMEDOUT|ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ECONNRESET|timed out)';

interface Internal {
  readonly url: string;
  readonly hostname: string;
  readonly label: string;
  /** Shows the server tried: content from there, or a connection error naming the address. */
  readonly sign: RegExp;
  readonly isMetadata: boolean;
}

function internal(url: string, label: string, isMetadata: boolean): Internal {
  const hostname = new URL(url).hostname;
  // The bare address, not inside an echo of the URL we sent (`http://10.0.0.1/`).
  const host = `(?<![/\\w.])${hostname.replaceAll('.', '\\.')}`;
  const metadata = isMetadata ? '|\\b(?:ami-id|instance-id|iam/|security-credentials|local-ipv4)\\b' : '';
  return { url, hostname, label, isMetadata, sign: new RegExp(`${ERROR_CODES}[^\\n]{0,60}${host}|${host}[^\\n]{0,60}${ERROR_CODES}${metadata}`) };
}

const INTERNAL: readonly Internal[] = [
  internal('http://169.254.169.254/latest/meta-data/', 'the cloud metadata address 169.254.169.254', true),
  internal('http://10.0.0.1/', 'the private address 10.0.0.1', false),
  internal('http://192.168.0.1/', 'the private address 192.168.0.1', false),
];

function isUrlLike(point: InjectionPoint): boolean {
  const schema = (typeof point.schema === 'object' && point.schema !== null ? point.schema : {}) as { type?: unknown; format?: unknown };
  if (typeof schema.format === 'string' && URL_FORMATS.has(schema.format)) return true;
  if (schema.type !== undefined && schema.type !== 'string') return false;
  const name = point.location === 'body' ? point.name.slice(point.name.lastIndexOf('/') + 1) : point.name;
  return name.length <= 64 && URL_NAME.test(name);
}

function targetsOf(context: ScanContext): Target[] {
  const actor = context.identities.find((identity) => identity.role === 'user') ?? context.identities[0];
  const targets: Target[] = [];
  for (const operation of context.api.operations) {
    if (!context.client.allows(operation.method)) continue;
    const identity = isSecured(operation) ? actor : undefined;
    const built = context.requestFor(operation, identity, { includeOptional: true });
    for (const point of injectionPoints(built).filter(isUrlLike)) targets.push({ operation, identity, built, point });
  }
  return targets.slice(0, MAX_TARGETS);
}

const where = (point: InjectionPoint): string => (point.location === 'body' ? `body field ${point.name}` : `${point.location} parameter ${point.name}`);

function sendWith(context: ScanContext, target: Target, url: string): Promise<Exchange> {
  const { point, built } = target;
  const changed = point.location === 'body' ? withBodyField(built, point.name, url) : withParameter(built, point.location, point.name, url);
  return sendAs(context, changed.request, target.identity);
}

const textOf = (exchange: Exchange): string => `${exchange.response?.body ?? ''}\n${exchange.error ?? ''}`;

async function probeLoopback(context: ScanContext, targets: readonly Target[]): Promise<void> {
  const listener = await startOobListener();
  try {
    const sent: { target: Target; token: string; exchange: Exchange }[] = [];
    for (const target of targets) {
      const token = randomBytes(12).toString('hex');
      sent.push({ target, token, exchange: await sendWith(context, target, listener.urlFor(token)) });
    }
    // One shared deadline after the last request: callbacks that come late still count.
    const deadline = Date.now() + CALLBACK_WAIT_MS;
    for (const { target, token, exchange } of sent) {
      if (!await listener.waitFor(token, deadline - Date.now())) continue;
      const isFullRead = exchange.response?.body.includes(token) === true;
      context.report({
        operation: target.operation,
        message: `The server fetched a URL given in the ${where(target.point)}: the scanner's loopback listener received the request with token ${token}${isFullRead ? ', and the answer carried the listener\'s body back (full-read SSRF)' : ''}.`,
        evidence: [exchange],
        confidence: 'confirmed',
      });
    }
  } finally {
    await listener.close();
  }
}

/** The same URL with a host that cannot resolve: what the server answers when it could not have connected. */
const controlOf = (address: Internal): string => address.url.replace(address.hostname, CONTROL_HOST);

async function probeInternal(context: ScanContext, target: Target, address: Internal): Promise<void> {
  const control = await sendWith(context, target, controlOf(address));
  const exchange = await sendWith(context, target, address.url);
  const isShown = address.sign.test(textOf(exchange)) && !address.sign.test(textOf(control));
  // With the host swapped, an answer that only echoes what was sent reads the same as the control's.
  const differs = exchange.response?.status !== control.response?.status || textOf(exchange).replaceAll(address.hostname, CONTROL_HOST) !== textOf(control);
  if (isShown && differs) {
    const isContent = address.isMetadata && isSuccess(exchange) && /\b(?:ami-id|instance-id)\b/.test(exchange.response?.body ?? '');
    context.report({
      operation: target.operation,
      message: `The server tried to reach ${address.label} given in the ${where(target.point)}: ${isContent ? 'the answer shows metadata content' : 'the answer shows a connection attempt'}, unlike the same URL with an unresolvable host.`,
      evidence: [control, exchange],
      confidence: 'confirmed',
      severity: isContent ? 'critical' : 'high',
    });
  } else if (isSuccess(exchange) && !isSuccess(control)) {
    context.report({
      operation: target.operation,
      message: `${address.label.replace(/^the/, 'The')} given in the ${where(target.point)} was accepted (${String(exchange.response?.status)}) where an unresolvable host was not; nothing in the answer shows a request was made.`,
      evidence: [control, exchange],
      confidence: 'tentative',
    });
  }
}

export const ssrf: ScanCheck = {
  id: 'api7.ssrf',
  category: 'API7',
  title: 'Server-side request forgery through a URL parameter',
  severity: 'high',
  remediation: 'Fetch only URLs on an allow-list of schemes, hosts and ports; resolve the host and refuse loopback, private, link-local (169.254.0.0/16) and metadata addresses after resolution and on every redirect; never return the fetched content or the connection error to the caller.',
  async run(context) {
    const targets = targetsOf(context);
    if (targets.length === 0) return;
    await probeLoopback(context, targets);
    for (const target of targets) for (const address of INTERNAL) await probeInternal(context, target, address);
  },
};
