// Public surface of the identity module: who is calling. JWT verification with keys from JWKS,
// OpenID Connect discovery or static JWKs; claims mapped to the shared Consumer; scrypt password
// hashes for HTTP Basic; TLS client certificates read for mapping to consumers.
export { createJwtVerifier, type IssuerConfig, type JwtFailure, type JwtResult, type JwtVerifier } from './jwt-verifier.js';
export { consumerFromClaims, scopesOf, type ClaimMapping } from './consumer-from-claims.js';
export { remoteKeySource, staticKeySource, discoverIssuer, assertFetchableUrl, type KeySource, type RemoteKeyOptions } from './key-source.js';
export { discoveredKeySource } from './discovered-key-source.js';
export { createTokenCache, tokenDigest, type TokenCache } from './token-cache.js';
export { createIntrospector, type IntrospectionOptions, type IntrospectionResult, type Introspector } from './introspection.js';
export { createFailureTracker, type FailureTracker, type FailureTrackerOptions } from './failure-tracker.js';
export { createUsageRecorder, type UsageRecorder, type UsageRecorderOptions, type UsageUse } from './usage-recorder.js';
export { hashPassword, parsePasswordHash, verifyPassword, dummyPasswordHash, passwordVerificationCount, preparePassword, DEFAULT_SCRYPT_PARAMS, MIN_LOG_N, MAX_LOG_N, type PasswordHash, type ScryptParams } from './password-hash.js';
export { parseBasicCredentials, type BasicCredentials } from './basic-credentials.js';
export { createBasicAuthenticator, type BasicAuthenticator, type BasicAuthenticatorOptions, type BasicUserEntry } from './basic-authenticator.js';
export { readClientCertificate, normalizeFingerprint, parseSubjectAltNames, type ClientCertificate, type TlsPeer } from './client-certificate.js';
