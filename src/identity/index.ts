// Public surface of the identity module: who is calling. JWT verification with keys from JWKS,
// OpenID Connect discovery or static JWKs; claims mapped to the shared Consumer.
export { createJwtVerifier, type IssuerConfig, type JwtFailure, type JwtResult, type JwtVerifier } from './jwt-verifier.js';
export { consumerFromClaims, scopesOf, type ClaimMapping } from './consumer-from-claims.js';
export { remoteKeySource, staticKeySource, discoverIssuer, assertFetchableUrl, type KeySource, type RemoteKeyOptions } from './key-source.js';
export { discoveredKeySource } from './discovered-key-source.js';
export { createTokenCache, tokenDigest, type TokenCache } from './token-cache.js';
export { createIntrospector, type IntrospectionOptions, type IntrospectionResult, type Introspector } from './introspection.js';
export { createFailureTracker, type FailureTracker, type FailureTrackerOptions } from './failure-tracker.js';
