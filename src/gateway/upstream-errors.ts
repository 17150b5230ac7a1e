// Maps undici / socket / TLS failures to the answer the client gets: 504 for timeouts, 502 for
// everything else (refused, reset, TLS, garbage). The detail never names the upstream.

export interface UpstreamFailure {
  kind: 'connect-timeout' | 'response-timeout' | 'refused' | 'reset' | 'tls' | 'invalid-response' | 'other';
  status: 502 | 504;
  ruleId: string;
  detail: string;
}

const TLS_CODES = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|ERR_OSSL_)/;

export function classifyUpstreamError(error: unknown): UpstreamFailure {
  const code = codeOf(error);
  switch (code) {
    case 'UND_ERR_CONNECT_TIMEOUT':
      return { kind: 'connect-timeout', status: 504, ruleId: 'gateway.upstream-timeout', detail: 'The upstream did not accept the connection in time.' };
    case 'UND_ERR_HEADERS_TIMEOUT':
      return { kind: 'response-timeout', status: 504, ruleId: 'gateway.upstream-timeout', detail: 'The upstream did not answer in time.' };
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EAI_AGAIN':
      return { kind: 'refused', status: 502, ruleId: 'gateway.upstream-unavailable', detail: 'The upstream is not reachable.' };
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_CLOSED':
      return { kind: 'reset', status: 502, ruleId: 'gateway.upstream-reset', detail: 'The upstream closed the connection.' };
    default:
      break;
  }
  if (code !== undefined && TLS_CODES.test(code)) {
    return { kind: 'tls', status: 502, ruleId: 'gateway.upstream-tls', detail: 'The upstream TLS connection could not be verified.' };
  }
  if ((error as { name?: unknown } | null)?.name === 'HTTPParserError' || code !== undefined && (code.startsWith('HPE_') || code === 'UND_ERR_INFO' || code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH')) {
    return { kind: 'invalid-response', status: 502, ruleId: 'gateway.upstream-invalid-response', detail: 'The upstream sent an invalid response.' };
  }
  return { kind: 'other', status: 502, ruleId: 'gateway.upstream-error', detail: 'The upstream request failed.' };
}

function codeOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current !== null && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_SOCKET') return code;
    const cause = (current as { cause?: unknown }).cause;
    if (cause === undefined) return typeof code === 'string' ? code : undefined;
    current = cause;
  }
  return undefined;
}
