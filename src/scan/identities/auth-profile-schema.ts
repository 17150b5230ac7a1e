// The auth profile's JSON Schema (TypeBox, validated by the config Ajv): who the scanner acts as and
// where each identity's credentials come from. Rules across keys (exactly one credential source, a
// pointer only for body tokens...) are in profile-rules.ts, where they get clearer messages.
import { Type, type Static, type TSchema } from '@sinclair/typebox';

/** An HTTP field name (RFC 9110 §5.1 token); a cookie name is the same token (RFC 6265 §4.1.1). */
export const TOKEN_PATTERN = "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$";
const TOKEN_CHARS = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";

/** A string enum as one `enum` keyword: a union of literals would report one error per member. */
function oneOf<T extends string>(values: readonly T[], options: { default?: T; description?: string } = {}) {
  return Type.Unsafe<T>({ type: 'string', enum: values, ...options });
}

const secret = (description: string) => Type.String({ minLength: 1, description });
/** A header value: no control characters, so a line break in the file can never inject a header (RFC 9110 §5.5). */
export const HEADER_VALUE_PATTERN = '^[^\\u0000-\\u0008\\u000A-\\u001F\\u007F]+$';
const headerValue = (description: string) => Type.String({ pattern: HEADER_VALUE_PATTERN, description });

const headerMap = Type.Unsafe<Record<string, string>>({
  type: 'object',
  minProperties: 1,
  propertyNames: { pattern: TOKEN_PATTERN, description: 'a header name (letters, digits and !#$%&\'*+.^_`|~-)' },
  additionalProperties: { type: 'string', pattern: HEADER_VALUE_PATTERN, description: 'a header value without control characters or line breaks' },
  description: 'credential headers, sent as given (names are lowercased)',
});

const apiKey = Type.Object({
  in: oneOf(['header', 'query', 'cookie'] as const, { description: 'where the key travels' }),
  name: Type.String({ minLength: 1, description: 'the header, query parameter or cookie name' }),
  value: headerValue('a key without control characters or line breaks; use ${VAR}'),
}, { additionalProperties: false });

const basic = Type.Object({
  // RFC 7617 §2: the user-id cannot contain a colon, the first colon ends it.
  username: Type.String({ pattern: '^[^:]*$', description: 'a user name without ":" (RFC 7617)' }),
  password: secret('the password; use ${VAR}'),
}, { additionalProperties: false });

const loginToken = Type.Object({
  from: oneOf(['body', 'header', 'cookie'] as const, { description: 'where the login answer carries the token' }),
  pointer: Type.Optional(Type.String({ pattern: '^(/([^~]|~[01])*)*$', description: 'a JSON pointer (RFC 6901) such as /token or /data/access_token' })),
  name: Type.Optional(Type.String({ pattern: TOKEN_PATTERN, description: 'a header or cookie name' })),
}, { additionalProperties: false });

const login = Type.Object({
  method: Type.String({ pattern: '^[A-Z]+$', default: 'POST', description: 'an uppercase HTTP method' }),
  path: Type.String({ pattern: '^/', description: 'a path starting with / (relative to the target, never another origin)' }),
  body: Type.Optional(Type.Unsafe<Record<string, unknown>>({ type: 'object', description: 'sent as JSON' })),
  form: Type.Optional(Type.Unsafe<Record<string, string | number | boolean>>({
    type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] }, description: 'sent as application/x-www-form-urlencoded',
  })),
  token: loginToken,
  as: Type.String({
    pattern: `^(bearer|header:${TOKEN_CHARS}|cookie:${TOKEN_CHARS})$`,
    default: 'bearer',
    description: 'bearer, header:<name> or cookie:<name>',
  }),
}, { additionalProperties: false });

const oauth2 = Type.Object({
  tokenUrl: Type.String({ pattern: '^https?://', description: 'an http:// or https:// URL' }),
  clientId: Type.String({ minLength: 1 }),
  clientSecret: secret('the client secret; use ${VAR}'),
  scope: Type.Optional(Type.String({ minLength: 1 })),
  audience: Type.Optional(Type.String({ minLength: 1, description: 'the `audience` parameter some providers (Auth0, Okta) expect' })),
  resource: Type.Optional(Type.String({ minLength: 1, description: 'a resource indicator (RFC 8707)' })),
  auth: oneOf(['basic', 'post'] as const, { default: 'basic', description: 'client_secret_basic or client_secret_post (RFC 6749 §2.3.1)' }),
}, { additionalProperties: false });

export const identityConfigSchema = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  role: oneOf(['user', 'admin'] as const),
  headers: Type.Optional(headerMap),
  bearer: Type.Optional(headerValue('a token without control characters or line breaks; use ${VAR}')),
  apiKey: Type.Optional(apiKey),
  basic: Type.Optional(basic),
  login: Type.Optional(login),
  oauth2: Type.Optional(oauth2),
}, { additionalProperties: false });

export const authProfileSchema: TSchema = Type.Object({
  identities: Type.Array(identityConfigSchema, { minItems: 1 }),
}, { additionalProperties: false });

export type IdentityConfig = Static<typeof identityConfigSchema>;
export type LoginConfig = Static<typeof login>;
export type OAuth2Config = Static<typeof oauth2>;

/** The credential sources, in the order error messages list them. */
export const CREDENTIAL_SOURCES = ['headers', 'bearer', 'apiKey', 'basic', 'login', 'oauth2'] as const;

export interface AuthProfile {
  /** The file it was read from, for messages. */
  readonly file: string;
  readonly identities: readonly IdentityConfig[];
}
