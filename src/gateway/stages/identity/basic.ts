// HTTP Basic in the identity stage (RFC 7617): users from the config with scrypt hashes, checked
// only on https listeners. A password sent over plain HTTP is refused without being checked.
import { BulwarkError } from '../../../core/errors.js';
import type { Consumer } from '../../../core/types.js';
import { createBasicAuthenticator, parseBasicCredentials, parsePasswordHash, type BasicCredentials, type BasicUserEntry } from '../../../identity/index.js';
import { deny, type Denial } from '../../verdict.js';
import type { IdentityConfig } from './schema.js';

export interface BasicScheme {
  /** `Basic realm="…", charset="UTF-8"`: RFC 7617 §2.1, so clients send UTF-8. */
  readonly challenge: string;
  /** The answer to credentials that do not decode. */
  readonly malformed: Denial;
  /** The user name and password, or undefined when the token is malformed. */
  parse(token: string): BasicCredentials | undefined;
  /** The consumer, or a refusal; synchronous when the credentials were verified recently. */
  verify(credentials: BasicCredentials): Consumer | Denial | Promise<Consumer | Denial>;
}

export const BASIC_OVER_HTTP: Denial = Object.freeze(deny({
  status: 403, ruleId: 'identity.basic-over-http', severity: 'high', category: 'API2:2023',
  detail: 'HTTP Basic credentials are only accepted over HTTPS; they were not checked. The password has crossed the network in clear text: change it.',
  evidence: { location: 'header.authorization' },
}));

/** The compiled Basic settings; throws CONFIG_INVALID (naming the key, never the value) for a bad hash. */
export function createBasicScheme(config: IdentityConfig['basic']): BasicScheme {
  const seen = new Set<string>();
  const users: BasicUserEntry<Consumer>[] = config.users.map((user, index) => {
    const keyPath = `basic.users[${index}]`;
    const username = user.username.normalize('NFC');
    if (seen.has(username)) throw new BulwarkError('CONFIG_INVALID', `${keyPath}.username: "${username}" is listed twice`);
    seen.add(username);
    const parsed = parsePasswordHash(user.passwordHash);
    if (!parsed.ok) throw new BulwarkError('CONFIG_INVALID', `${keyPath}.passwordHash ${parsed.problem}`);
    const consumer: Consumer = Object.freeze({
      id: user.consumer ?? username, kind: 'basic', scopes: user.scopes, roles: user.roles, groups: user.groups, claims: { username },
    });
    return { username, hash: parsed.value, value: consumer };
  });
  const authenticator = createBasicAuthenticator(users, {
    cacheTtlMs: config.cacheTtl, cacheEntries: config.cacheEntries,
    maxConcurrent: config.maxConcurrentVerifications, maxQueued: config.maxQueuedVerifications,
  });
  const challenge = `Basic realm="${config.realm}", charset="UTF-8"`;
  const refusal = (detail: string): Denial => deny({
    status: 401, ruleId: 'identity.basic-invalid', severity: 'medium', category: 'API2:2023', detail,
    evidence: { location: 'header.authorization' },
    headers: { 'www-authenticate': challenge },
  });
  const MALFORMED = Object.freeze(refusal('The Basic credentials are malformed (base64 of UTF-8 user-id:password, without control characters).'));
  // One answer for an unknown user and a wrong password: which one it was is not the client's to know.
  const WRONG = Object.freeze(refusal('The user name or password is not correct.'));
  const outcomeOf = (found: Consumer | undefined): Consumer | Denial => found ?? WRONG;

  return {
    challenge,
    malformed: MALFORMED,
    parse: parseBasicCredentials,
    verify(credentials) {
      const verified = authenticator.verify(credentials.username, credentials.password);
      return verified instanceof Promise ? verified.then(outcomeOf) : outcomeOf(verified);
    },
  };
}
