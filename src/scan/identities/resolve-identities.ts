// Turns a loaded auth profile into the identities a scan acts as: static credentials as they are,
// logins and token requests sent one at a time (a burst of logins can trip the target's brute-force
// protection). Every identity is tried, so one run reports every failing one.
import type { Identity } from '../identity.js';
import type { AuthProfile, IdentityConfig } from './auth-profile-schema.js';
import { clientCredentials } from './client-credentials.js';
import { staticCredentials, toIdentity, type Credentials } from './credentials.js';
import { login } from './login.js';
import type { FetchLike } from './send-request.js';

export interface ResolveOptions {
  /** The scan target: logins go to its origin, their paths below its base path. */
  readonly target: URL;
  /** Per login or token request, the whole exchange; default 10 s. */
  readonly timeoutMs?: number;
  /** Defaults to undici's request, adapted (send-request.ts). */
  readonly fetch?: FetchLike;
}

export interface ResolvedIdentities {
  /** Users first, then administrators, each in profile order (ScanContext.identities). */
  readonly identities: readonly Identity[];
  /**
   * One line per identity that could not be resolved (left out of `identities`), naming it and what
   * failed. The scan should not start while there is one: its checks would silently run with fewer
   * identities than the profile promised.
   */
  readonly problems: readonly string[];
}

export const DEFAULT_LOGIN_TIMEOUT_MS = 10_000;

export async function resolveIdentities(profile: AuthProfile, options: ResolveOptions): Promise<ResolvedIdentities> {
  const resolved: Identity[] = [];
  const problems: string[] = [];
  for (const [index, config] of profile.identities.entries()) {
    try {
      resolved.push(toIdentity(config, await credentialsOf(config, options)));
    } catch (error) {
      problems.push(`${profile.file}: identity ${JSON.stringify(config.name)} (identities[${index}]): ${(error as Error).message}`);
    }
  }
  const byRole = (role: Identity['role']) => resolved.filter((identity) => identity.role === role);
  return { identities: [...byRole('user'), ...byRole('admin')], problems };
}

async function credentialsOf(config: IdentityConfig, options: ResolveOptions): Promise<Credentials> {
  const fixed = staticCredentials(config);
  if (fixed) return fixed;
  const send = { timeoutMs: options.timeoutMs ?? DEFAULT_LOGIN_TIMEOUT_MS, ...(options.fetch ? { fetch: options.fetch } : {}) };
  if (config.login) return login(config.login, { ...send, target: options.target });
  if (config.oauth2) return clientCredentials(config.oauth2, send);
  // The loader's rules guarantee one source; a profile built by hand might not.
  throw new Error('has no credential source');
}
