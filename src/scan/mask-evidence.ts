// Reports are artifacts: CI keeps them, people paste them into tickets. The identities' credentials
// never appear in one; each is replaced by a `$BULWARK_<IDENTITY>_<WHAT>` placeholder, which the
// curl line leaves for the shell to expand, so `export BULWARK_ALICE_TOKEN=…` reproduces a finding.
import type { Exchange } from './exchange.js';
import type { Identity } from './identity.js';

/** Shorter values would mask ordinary text (`1`, `yes`); a credential that short is itself a finding. */
const MIN_SECRET_LENGTH = 6;

const nameOf = (text: string): string => text.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_|_$/g, '');

function secretsOf(identities: readonly Identity[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (const identity of identities) {
    const who = nameOf(identity.name);
    if (identity.bearerToken !== undefined) pairs.push([identity.bearerToken, `$BULWARK_${who}_TOKEN`]);
    for (const [header, value] of Object.entries(identity.headers)) {
      // `Bearer <token>` is masked through the token: the scheme stays readable.
      if (identity.bearerToken === undefined || !value.includes(identity.bearerToken)) pairs.push([value, `$BULWARK_${who}_${nameOf(header)}`]);
    }
    for (const [parameter, value] of Object.entries(identity.query)) pairs.push([value, `$BULWARK_${who}_${nameOf(parameter)}`]);
  }
  // Longest first: a secret that contains another is replaced whole.
  return pairs.filter(([secret]) => secret.length >= MIN_SECRET_LENGTH).sort((a, b) => b[0].length - a[0].length);
}

export function createEvidenceMasker(identities: readonly Identity[]): (exchange: Exchange) => Exchange {
  const secrets = secretsOf(identities);
  const mask = (text: string): string => {
    let result = text;
    for (const [secret, placeholder] of secrets) {
      result = result.replaceAll(secret, placeholder);
      const encoded = encodeURIComponent(secret);
      if (encoded !== secret) result = result.replaceAll(encoded, placeholder);
    }
    return result;
  };
  const maskAll = (record: Readonly<Record<string, string>>): Record<string, string> =>
    Object.fromEntries(Object.entries(record).map(([name, value]) => [name, mask(value)]));
  return (exchange) => ({
    ...exchange,
    request: {
      ...exchange.request,
      url: mask(exchange.request.url),
      headers: maskAll(exchange.request.headers),
      ...(exchange.request.body === undefined ? {} : { body: mask(exchange.request.body) }),
    },
    ...(exchange.response === undefined ? {} : {
      response: { ...exchange.response, headers: maskAll(exchange.response.headers), body: mask(exchange.response.body) },
    }),
  });
}
