// Telling a HAR from an nginx or Envoy JSON log by the first bytes of the file: a HAR is one JSON
// object whose first key is `log`; logs are JSON lines, told apart by keys only one of them uses.
import { open } from 'node:fs/promises';
import { unreadable } from './log-reader.js';
import { sourceInvalid, type TrafficFormat } from './source-result.js';

/** Bytes read to decide: 50 ordinary log lines, a first line as long as a log line may be, or a HAR's start. */
const HEAD_BYTES = 1024 * 1024 + 1;
const LINES_LOOKED_AT = 50;

// Keys that name an nginx variable (`$request_uri` → request_uri) or an Envoy operator / the default
// keys of Envoy Gateway and Istio. Keys both could use (method, path, status, duration) decide nothing.
const NGINX_KEYS = new Set([
  'time_iso8601', 'time_local', 'msec', 'request_time', 'request_method', 'request_uri', 'request_length', 'body_bytes_sent',
  'remote_addr', 'remote_user', 'http_referer', 'http_user_agent', 'http_host', 'http_x_forwarded_for', 'upstream_response_time',
  'upstream_addr', 'upstream_status', 'sent_http_content_type', 'server_protocol', 'ssl_client_verify', 'args', 'content_length',
]);
const ENVOY_KEYS = new Set([
  'start_time', 'response_code', 'response_flags', 'response_code_details', 'authority', ':authority', 'x-envoy-origin-path',
  'x-envoy-original-path', 'upstream_cluster', 'upstream_host', 'upstream_service_time', 'x-envoy-upstream-service-time',
  'bytes_received', 'downstream_remote_address', 'downstream_local_address', 'requested_server_name', 'route_name',
  'upstream_transport_failure_reason', 'connection_termination_details', 'downstream_peer_subject',
]);

export async function detectTrafficFormat(path: string): Promise<TrafficFormat> {
  let head: Buffer;
  let isWholeFile: boolean;
  try {
    const handle = await open(path, 'r');
    try {
      const { bytesRead, buffer } = await handle.read(Buffer.alloc(HEAD_BYTES), 0, HEAD_BYTES, 0);
      head = buffer.subarray(0, bytesRead);
      isWholeFile = bytesRead < HEAD_BYTES;
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw unreadable(path, error);
  }
  return formatOfHead(head.toString('utf8'), isWholeFile, path);
}

/** The format of a file from its first bytes; `isWholeFile` says whether the last line is complete. */
export function formatOfHead(head: string, isWholeFile: boolean, file: string): TrafficFormat {
  const text = (head.startsWith('\uFEFF') ? head.slice(1) : head).trimStart();
  if (text === '') throw sourceInvalid(file, 'the file is empty');
  if (/^\{\s*"log"\s*:/.test(text)) return 'har';
  if (!text.startsWith('{')) {
    throw sourceInvalid(file, 'neither a HAR nor a JSON access log (it does not start with "{"); plain-text logs need the JSON formats in docs/discovery-sources.md');
  }
  const lines = text.split('\n');
  if (!isWholeFile && lines.length > 1) lines.pop();
  const keys = new Set<string>();
  for (const line of lines.slice(0, LINES_LOOKED_AT)) for (const key of keysOf(line)) keys.add(key);
  if (keys.has('log')) return 'har';
  if (keys.size === 0) {
    // Several lines open an object yet none parses: a broken log. One: a pretty-printed document,
    // which only a HAR can be, and readHar says precisely what is wrong with it.
    const opened = lines.slice(0, LINES_LOOKED_AT).filter((line) => line.trimStart().startsWith('{')).length;
    if (opened > 1) throw sourceInvalid(file, `none of the first ${opened} lines that start with "{" is a JSON object; is this a JSON access log?`);
    return 'har';
  }
  const nginx = [...keys].filter((key) => NGINX_KEYS.has(key));
  const envoy = [...keys].filter((key) => ENVOY_KEYS.has(key));
  if (nginx.length > 0 && envoy.length === 0) return 'nginx';
  if (envoy.length > 0 && nginx.length === 0) return 'envoy';
  const seen = [...nginx, ...envoy].join(', ') || [...keys].slice(0, 8).join(', ');
  throw sourceInvalid(file, `cannot tell an nginx log from an Envoy log by its keys (${seen}); give the format: 'nginx' or 'envoy' (--format)`);
}

function keysOf(line: string): string[] {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.keys(value) : [];
  } catch {
    return [];
  }
}
