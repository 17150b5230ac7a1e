// Who the scanner acts as. Authorization can only be tested with at least two ordinary users (one
// tries the other's objects) and, for function-level checks, an administrator to compare with.

export type IdentityRole = 'user' | 'admin';

export interface Identity {
  /** From the auth profile (`alice`, `bob`, `admin`). */
  readonly name: string;
  readonly role: IdentityRole;
  /** Credentials as headers, lowercased names (`authorization`, `x-api-key`, `cookie`). */
  readonly headers: Readonly<Record<string, string>>;
  /** Credentials that travel in the query string (API keys documented `in: query`). */
  readonly query: Readonly<Record<string, string>>;
  /** The bearer token, when the identity has one: the JWT checks tamper with it. */
  readonly bearerToken?: string;
}
