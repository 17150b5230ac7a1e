// Mutual TLS in the identity stage: a client certificate verified against the listener's clientCa
// becomes a consumer through the configured mapping (CN, subject alternative name, fingerprint).
import type { Consumer } from '../../../core/types.js';
import { normalizeFingerprint, type ClientCertificate } from '../../../identity/index.js';
import { deny, type Denial } from '../../verdict.js';
import type { IdentityConfig } from './schema.js';

type MtlsConfig = IdentityConfig['mtls'];

interface Matcher {
  readonly subject: string | undefined;
  readonly san: string | undefined;
  readonly fingerprint256: string | undefined;
  readonly consumer: MtlsConfig['consumers'][number];
}

/** The consumer a certificate maps to, or the refusal; `challenge` goes on the 401. */
export type CertificateAuthenticator = (certificate: ClientCertificate) => Consumer | Denial;

export function createCertificateAuthenticator(config: MtlsConfig, challenge: string): CertificateAuthenticator {
  const matchers: Matcher[] = config.consumers.map((consumer) => ({
    subject: consumer.match.subject,
    san: consumer.match.san,
    fingerprint256: consumer.match.fingerprint256 === undefined ? undefined : normalizeFingerprint(consumer.match.fingerprint256),
    consumer,
  }));
  return (certificate) => {
    if (!certificate.isAuthorized) return invalidCertificate(certificate.authorizationError, challenge);
    // A certificate with several CNs has no single subject: it matches no `subject` and names no consumer.
    const commonName = certificate.commonNames.length === 1 ? certificate.commonNames[0] : undefined;
    const claims = { ...(commonName === undefined ? {} : { certSubject: commonName }), certFingerprint256: certificate.fingerprint256 };
    const found = matchers.find((matcher) => isMatch(matcher, certificate, commonName));
    if (found) {
      const { id, scopes, roles, groups } = found.consumer;
      return { id, kind: 'mtls', scopes, roles, groups, claims };
    }
    if (config.unmapped === 'subject' && commonName !== undefined && commonName !== '') {
      return { id: commonName, kind: 'mtls', scopes: [], roles: [], groups: [], claims };
    }
    return unmappedCertificate(certificate.fingerprint256);
  };
}

function isMatch(matcher: Matcher, certificate: ClientCertificate, commonName: string | undefined): boolean {
  if (matcher.subject !== undefined && matcher.subject !== commonName) return false;
  if (matcher.fingerprint256 !== undefined && matcher.fingerprint256 !== certificate.fingerprint256) return false;
  if (matcher.san !== undefined && !certificate.altNames.some((name) => sanEquals(name.type, name.value, matcher.san!))) return false;
  return true;
}

/** DNS names compare without case (RFC 4343); URIs and email addresses exactly. */
function sanEquals(type: string, value: string, wanted: string): boolean {
  return type === 'DNS' ? value.toLowerCase() === wanted.toLowerCase() : value === wanted;
}

/** OpenSSL's reason codes are fixed identifiers (no certificate content), safe to show. */
function invalidCertificate(reason: string | undefined, challenge: string): Denial {
  const code = reason !== undefined && /^[A-Z0-9_]{1,64}$/.test(reason) ? reason : 'UNVERIFIED';
  return deny({
    status: 401, ruleId: 'identity.certificate-invalid', severity: 'medium', category: 'API2:2023',
    detail: `The client certificate did not verify against the trusted client certificate authorities (${code}).`,
    evidence: { location: 'tls.client-certificate', matched: code },
    headers: { 'www-authenticate': challenge },
  });
}

function unmappedCertificate(fingerprint256: string): Denial {
  return deny({
    status: 403, ruleId: 'identity.certificate-unmapped', severity: 'medium', category: 'API2:2023',
    detail: 'The client certificate is valid but is not mapped to a consumer.',
    // The fingerprint is public (it is a hash of the certificate the client sent) and is what an
    // operator needs to add a mapping.
    evidence: { location: 'tls.client-certificate', value: fingerprint256 },
  });
}
