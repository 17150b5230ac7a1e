// Reads a TLS client certificate off the connection into the few facts identity mapping uses:
// whether it was verified against the listener's clientCa, its subject CN(s), its DNS / URI / email
// subject alternative names and its SHA-256 fingerprint.
import type { PeerCertificate, TLSSocket } from 'node:tls';

/** The part of a TLS socket this reads (a TLSSocket, or a stand-in in tests). */
export type TlsPeer = Pick<TLSSocket, 'authorized' | 'authorizationError' | 'getPeerCertificate'>;

export type AltNameType = 'DNS' | 'URI' | 'email';

export interface ClientCertificate {
  /** Verified against the listener's `tls.clientCa` (chain, validity dates). */
  readonly isAuthorized: boolean;
  /** OpenSSL's reason when not verified, e.g. CERT_HAS_EXPIRED, UNABLE_TO_GET_ISSUER_CERT_LOCALLY. */
  readonly authorizationError: string | undefined;
  /** Usually one; a certificate may carry several CN attributes. */
  readonly commonNames: readonly string[];
  readonly altNames: readonly { readonly type: AltNameType; readonly value: string }[];
  /** SHA-256 of the DER certificate, lowercase hex without colons. */
  readonly fingerprint256: string;
}

/** The client's certificate, or undefined when it sent none (or the listener did not ask). */
export function readClientCertificate(peer: TlsPeer): ClientCertificate | undefined {
  const certificate = peer.getPeerCertificate(false) as Partial<PeerCertificate> | null;
  // Node returns {} when there is no certificate.
  if (!certificate?.fingerprint256) return undefined;
  return {
    isAuthorized: peer.authorized,
    authorizationError: reasonOf(peer.authorizationError),
    commonNames: valuesOf(certificate.subject?.CN),
    altNames: certificate.subjectaltname === undefined ? [] : parseSubjectAltNames(certificate.subjectaltname),
    fingerprint256: normalizeFingerprint(certificate.fingerprint256),
  };
}

/** Hex with or without colons, any case → lowercase hex without colons. */
export function normalizeFingerprint(text: string): string {
  return text.replace(/:/g, '').toLowerCase();
}

/**
 * Node's `subjectaltname` text: `DNS:a, URI:b, email:c, IP Address:...`. Since CVE-2021-44532 a
 * value holding `,`, `"` or other special characters is written as a JSON string, so a crafted
 * name cannot pose as two; such values are decoded here rather than split on ", ".
 */
export function parseSubjectAltNames(text: string): { type: AltNameType; value: string }[] {
  const names: { type: AltNameType; value: string }[] = [];
  let at = 0;
  while (at < text.length) {
    const colon = text.indexOf(':', at);
    if (colon === -1) break;
    const type = text.slice(at, colon);
    let value: string;
    let end: number;
    if (text[colon + 1] === '"') {
      let close = colon + 2;
      while (close < text.length && text[close] !== '"') close += text[close] === '\\' ? 2 : 1;
      end = close + 1;
      try {
        value = JSON.parse(text.slice(colon + 1, end)) as string;
      } catch {
        return names; // not Node's format: stop rather than misread the rest
      }
    } else {
      end = text.indexOf(', ', colon + 1);
      if (end === -1) end = text.length;
      value = text.slice(colon + 1, end);
    }
    if (type === 'DNS' || type === 'URI' || type === 'email') names.push({ type, value });
    at = end + 2; // past ", "
  }
  return names;
}

/** Node types it as an Error, but hands over OpenSSL's code as a string (e.g. 'CERT_HAS_EXPIRED'). */
function reasonOf(error: unknown): string | undefined {
  if (typeof error === 'string') return error;
  if (error instanceof Error) return (error as NodeJS.ErrnoException).code ?? error.message;
  return undefined;
}

function valuesOf(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
