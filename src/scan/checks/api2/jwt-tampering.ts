// API2: bearer JWTs the API accepts though they prove nothing: unsigned (`alg: none`), signature
// removed, signed with a key from a wordlist (then also expired). Each forged token is sent on an
// operation the identity's real token worked on; a 2xx where an invalid token gets none is proof.
import type { ScanCheck, ScanContext } from '../../check.js';
import type { Exchange } from '../../exchange.js';
import type { Identity } from '../../identity.js';
import { isSecured, isSuccess, successes, type Success } from '../probe.js';
import { sendAs } from '../probe-send.js';
import { decodeJwt, guessHmacKey, signHmac, strippedJwt, unsignedJwt, type DecodedJwt } from './jwt-forge.js';
import { WEAK_JWT_SECRETS } from './weak-secrets.js';

interface Forgery {
  readonly token: string;
  readonly message: string;
  readonly severity: 'critical' | 'high';
}

function forgeries(jwt: DecodedJwt): Forgery[] {
  const list: Forgery[] = [
    { token: unsignedJwt(jwt), message: 'accepts an unsigned token (`alg: none`)', severity: 'critical' },
    { token: strippedJwt(jwt), message: 'accepts a token whose signature was removed', severity: 'critical' },
  ];
  const key = guessHmacKey(jwt, WEAK_JWT_SECRETS);
  if (key === undefined) return list;
  const hint = `${key.slice(0, 2)}… (${key.length} characters, from a public wordlist)`;
  const now = Math.floor(Date.now() / 1000);
  list.push(
    { token: signHmac(jwt, key, { ...jwt.payload, bulwark: 'forged' }), message: `signs tokens with a guessable key ${hint}: a token with a claim added and signed with it was accepted`, severity: 'critical' },
    { token: signHmac(jwt, key, { ...jwt.payload, iat: now - 7200, exp: now - 3600 }), message: 'accepts an expired token (`exp` an hour ago, re-signed with the guessed key)', severity: 'high' },
  );
  return list;
}

async function tryToken(context: ScanContext, success: Success, token: string): Promise<Exchange> {
  return sendAs(context, success.built.request, undefined, { headers: { ...success.built.request.headers, authorization: `Bearer ${token}` } });
}

export const jwtTampering: ScanCheck = {
  id: 'api2.jwt-tampering',
  category: 'API2',
  title: 'Forged or expired JWTs accepted',
  severity: 'critical',
  remediation: 'Verify every JWT with a library pinned to the expected algorithm (never `none`), require a signature, check `exp`, `nbf`, `iss` and `aud`, and sign with a random key of at least 256 bits (or an asymmetric key).',
  async run(context) {
    for (const identity of context.identities) {
      const jwt = identity.bearerToken === undefined ? undefined : decodeJwt(identity.bearerToken);
      const success = successes(context, isSecured).find((candidate) => candidate.identity === identity && candidate.operation.method === 'GET');
      if (jwt === undefined || success === undefined) continue;
      // An API that takes any token is missing-authentication's finding, not a JWT flaw.
      if (isSuccess(await tryToken(context, success, 'bulwark.invalid.token'))) return;
      for (const forgery of forgeries(jwt)) {
        const exchange = await tryToken(context, success, forgery.token);
        if (isSuccess(exchange)) context.report({ operation: success.operation, message: `The API ${forgery.message}.`, evidence: [exchange], confidence: 'confirmed', severity: forgery.severity });
      }
      await tokenInUrl(context, success, identity);
      return;
    }
  },
};

/** RFC 6750 §5.3: tokens in URLs end up in logs, proxies and Referer headers. */
async function tokenInUrl(context: ScanContext, success: Success, identity: Identity): Promise<void> {
  const token = identity.bearerToken ?? '';
  const { path } = success.built.request;
  const exchange = await sendAs(context, success.built.request, undefined, { path: `${path}${path.includes('?') ? '&' : '?'}access_token=${encodeURIComponent(token)}` });
  if (!isSuccess(exchange)) return;
  context.report({ operation: success.operation, message: 'The API accepts the bearer token in the `access_token` query parameter, where logs, proxies and Referer headers keep it.', evidence: [exchange], confidence: 'confirmed', severity: 'high' });
}
