// The keys of an OpenID Connect issuer found through discovery: the issuer's configuration
// document names its jwks_uri, which is then fetched and cached like any remote key set. Discovery
// is retried on the next use after a failure, so a provider that was down at start is picked up.
import { discoverIssuer, remoteKeySource, type KeySource, type RemoteKeyOptions } from './key-source.js';

export function discoveredKeySource(issuer: string, options: RemoteKeyOptions): KeySource {
  let inner: Promise<KeySource> | undefined;
  let current: KeySource | undefined;
  const load = (): Promise<KeySource> => {
    inner ??= discoverIssuer(issuer, options)
      .then(async ({ jwksUri }) => {
        const source = remoteKeySource(jwksUri, options);
        await source.ready();
        current = source;
        return source;
      })
      .catch((error: unknown) => {
        inner = undefined; // try again next time
        throw error;
      });
    return inner;
  };
  return {
    getKey: async (header, token) => (await load()).getKey(header, token),
    ready: async () => {
      await load();
    },
    close: () => current?.close(),
    get stats() {
      return current?.stats ?? { fetches: 0, failures: 0, keys: 0, lastSuccessAt: undefined };
    },
  };
}
