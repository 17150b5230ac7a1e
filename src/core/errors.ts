// One error class for bugs, outages and bad configuration, with stable codes kept in one registry.
// Security verdicts are not errors: stages return deny() values (see gateway/verdict.ts).

/** Every error code Bulwark raises. Codes are never reused; docs/errors.md is checked against this list. */
export const ERROR_CODES = {
  CONFIG_READ_FAILED: 'The configuration file could not be read.',
  CONFIG_PARSE_FAILED: 'The configuration file is not valid YAML.',
  CONFIG_INVALID: 'The configuration does not match its schema.',
  CONFIG_ENV_MISSING: 'A ${VAR} reference names an environment variable that is not set.',
  CONFIG_TLS_FILE: 'A TLS certificate, key or CA file could not be read.',
  CONTRACT_DOCUMENT_INVALID: 'An OpenAPI document could not be read, parsed, validated or compiled.',
  GATEWAY_LISTEN_FAILED: 'A listener could not bind its address.',
  STORE_OPEN_FAILED: 'The event or API key store could not be opened.',
  STORE_MIGRATION_FAILED: 'A store schema migration failed.',
  STORE_QUERY_INVALID: 'An event query has an invalid filter.',
  CLI_ARGUMENT_INVALID: 'A command-line argument is invalid.',
  KEY_NOT_FOUND: 'No API key has this id.',
  KEY_ROTATE_REFUSED: 'The API key cannot be rotated: it is revoked or was already rotated.',
  GRANT_NOT_FOUND: 'No grant has this id.',
  AUDIT_WRITE_FAILED: 'A change was made but its audit event could not be recorded.',
  AUDIT_DOCUMENT_INVALID: 'The document given to `bulwark audit` could not be read as OpenAPI 3.x or Swagger 2.0.',
  RATELIMIT_STORE_UNAVAILABLE: 'The rate-limit counters (Redis, or a gateway\'s admin endpoint) could not be read.',
  DISCOVERY_SOURCE_INVALID: 'A traffic file given to `bulwark discover` (HAR, nginx or Envoy log) could not be read.',
  SCAN_AUTH_PROFILE_INVALID: 'The auth profile given to `bulwark scan` could not be read, or an identity in it could not log in.',
  SCAN_TARGET_INVALID: 'The target given to `bulwark scan` is not an http(s) URL the scanner may send to.',
  SCAN_BUDGET_EXHAUSTED: 'The scan has sent as many requests as its budget allows.',
  SCAN_REQUEST_REFUSED: 'A scan check tried a request the scan does not allow (a destructive method in safe mode, or outside the target).',
  SCAN_INTERRUPTED: 'The scan was interrupted (Ctrl-C or a signal) before it finished.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface BulwarkErrorOptions {
  cause?: unknown;
  /** Machine-readable detail, e.g. a list of config problems. */
  details?: unknown;
}

export class BulwarkError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, options: BulwarkErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'BulwarkError';
    this.code = code;
    this.details = options.details;
  }
}

export function isBulwarkError(value: unknown): value is BulwarkError {
  return value instanceof BulwarkError;
}
