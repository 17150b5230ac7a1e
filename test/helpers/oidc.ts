// A real OpenID provider (the oidc-provider package) on loopback for identity tests: client
// credentials issue RFC 9068 JWT access tokens for one API audience; keys are chosen by the test,
// so rotation and an outage can be staged by restarting it on the same port with other keys.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import Provider from 'oidc-provider';
import { Agent, request } from 'undici';

export const API_AUDIENCE = 'https://api.example';
export const CLIENT = { id: 'reporting-service', secret: 'a-client-secret-of-sufficient-length-0123456789' };
/** The gateway's own client, for token introspection. */
export const GATEWAY_CLIENT = { id: 'bulwark-gateway', secret: 'the-gateway-secret-of-sufficient-length-9876543210' };

export interface SigningKey { readonly kid: string; readonly privateJwk: JWK; readonly privateKey: CryptoKey }

export async function signingKey(kid: string, alg: 'RS256' | 'ES256' = 'RS256'): Promise<SigningKey> {
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  return { kid, privateKey, privateJwk: { ...(await exportJWK(privateKey)), kid, alg, use: 'sig' } };
}

export interface TestProvider {
  readonly issuer: string;
  readonly port: number;
  /** A client-credentials access token (a JWT) with these scopes. */
  token(scope?: string): Promise<string>;
  close(): Promise<void>;
}

/** `port` 0 picks a free one; pass a previous provider's port to restart "the same" issuer. */
export async function startProvider(keys: readonly SigningKey[], port = 0, options: { opaque?: boolean } = {}): Promise<TestProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actualPort = (server.address() as AddressInfo).port;
  const issuer = `http://127.0.0.1:${actualPort}`;
  const provider = new Provider(issuer, {
    clients: [{
      client_id: CLIENT.id, client_secret: CLIENT.secret, grant_types: ['client_credentials'], redirect_uris: [], response_types: [],
      scope: 'books:read books:write admin',
    }, {
      client_id: GATEWAY_CLIENT.id, client_secret: GATEWAY_CLIENT.secret, grant_types: ['client_credentials'], redirect_uris: [], response_types: [],
    }],
    jwks: { keys: keys.map((key) => key.privateJwk) },
    scopes: ['books:read', 'books:write', 'admin'],
    ttl: { ClientCredentials: 600 },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => API_AUDIENCE,
        getResourceServerInfo: () => ({ scope: 'books:read books:write admin', audience: API_AUDIENCE, ...(options.opaque ? { accessTokenFormat: 'opaque' } : { accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } }) }),
      },
    },
  });
  // The provider is quiet in tests: its development warnings go to its own logger, not the test output.
  provider.on('server_error', () => undefined);
  const handle = provider.callback();
  server.on('request', (req, res) => void handle(req, res));
  return {
    issuer,
    port: actualPort,
    async token(scope = 'books:read') {
      // A fresh connection each time: a provider restarted on the same port must not get a pooled
      // socket of the old one.
      const agent = new Agent();
      try {
        const response = await request(`${issuer}/token`, {
          method: 'POST',
          dispatcher: agent,
          headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${CLIENT.id}:${CLIENT.secret}`).toString('base64')}` },
          body: new URLSearchParams({ grant_type: 'client_credentials', scope }).toString(),
        });
        const body = await response.body.json() as { access_token?: string; error?: string };
        if (!body.access_token) throw new Error(`the provider issued no token: ${response.statusCode} ${body.error ?? ''}`);
        return body.access_token;
      } finally {
        await agent.close();
      }
    },
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
