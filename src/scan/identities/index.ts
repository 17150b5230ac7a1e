// Who the scanner acts as: the auth profile (`--auth profiles.yaml`) and the identities it resolves to.
export { loadAuthProfile, parseAuthProfile, type LoadedAuthProfile } from './load-auth-profile.js';
export { authProfileSchema, type AuthProfile, type IdentityConfig } from './auth-profile-schema.js';
export { resolveIdentities, DEFAULT_LOGIN_TIMEOUT_MS, type ResolveOptions, type ResolvedIdentities } from './resolve-identities.js';
export { MAX_ANSWER_BYTES, type FetchLike, type FetchAnswer } from './send-request.js';
