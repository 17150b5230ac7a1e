// API vocabulary missing from the English word list: segments that name endpoints, never values.

/**
 * Lowercase. The English list (an-array-of-english-words) lacks acronyms, protocol names and
 * jargon that API paths are full of (`graphql`, `oauth2`, `healthz`, `jwks`); without them
 * `/oauth/token` and `/oauth/authorize` siblings would count as shapeless values. Management and
 * debug endpoints (`actuator`, `heapdump`, `pprof`) are listed so they stay visible as their own
 * templates in the inventory.
 */
export const API_WORDS: ReadonlySet<string> = new Set([
  // protocols, formats and standards
  'api', 'apis', 'graphql', 'gql', 'rest', 'rpc', 'grpc', 'jsonrpc', 'trpc', 'odata', 'soap', 'wsdl',
  'json', 'jsonl', 'ndjson', 'xml', 'csv', 'tsv', 'yaml', 'yml', 'pdf', 'html', 'rss', 'png', 'jpg',
  'jpeg', 'gif', 'svg', 'webp', 'ico', 'http', 'https', 'http2', 'www', 'smtp', 'imap', 'ftp', 'sftp',
  'ws', 'wss', 'sse', 'websocket', 'websockets', 'webrtc', 'utf8', 'base64', 'md5', 'sha1', 'sha256',
  'sha512', 'x509', 'csr', 'tls', 'ssl', 'dns', 'ssh', 'gpg', 'pgp', 'ipv4', 'ipv6', 'ip', 'ips',
  'url', 'urls', 'uri', 'uris', 'uuid', 'uuids', 'guid', 'guids', 'ulid', 'cors', 'csrf', 'i18n', 'l10n',
  // identity and access
  'oauth', 'oauth2', 'oidc', 'openid', 'saml', 'saml2', 'sso', 'jwt', 'jwts', 'jwk', 'jwks', 'auth',
  'authn', 'authz', 'mfa', 'otp', 'totp', 'hotp', '2fa', 'webauthn', 'passkey', 'passkeys', 'signup',
  'signin', 'signout', 'logon', 'whoami', 'userinfo', 'sudo', 'acl', 'acls', 'rbac', 'abac', 'iam',
  'scim', 'ldap', 'captcha', 'recaptcha', 'hcaptcha', 'apikey', 'apikeys',
  // operations, health and debugging
  'healthz', 'readyz', 'livez', 'healthcheck', 'healthchecks', 'metrics', 'prometheus', 'openapi',
  'swagger', 'asyncapi', 'redoc', 'graphiql', 'playground', 'changelog', 'actuator', 'heapdump',
  'threaddump', 'jolokia', 'pprof', 'env', 'envs', 'config', 'configs', 'conf', 'sysinfo', 'phpinfo',
  'mgmt', 'svc', 'srv', 'bff', 'gw', 'k8s', 'ci', 'cicd', 'sdk', 'sdks', 'cdn', 'cli', 'ui', 'kv',
  'ttl', 'db', 'sql', 'nosql', 's3', 'ec2', 'gcp', 'aws', 'vpc', 'vpn', 'e2e',
  // product vocabulary
  'webhook', 'webhooks', 'org', 'orgs', 'repo', 'repos', 'todo', 'todos', 'faq', 'faqs', 'sms', 'mms',
  'crm', 'erp', 'kyc', 'aml', 'gdpr', 'pii', 'sku', 'skus', 'upc', 'gtin', 'isbn', 'b2b', 'b2c',
  'saas', 'subaccount', 'subaccounts', 'emoji', 'emojis', 'hashtag', 'hashtags', 'retweet', 'retweets',
  'repost', 'reposts', 'dm', 'dms', 'async', 'upsert', 'upserts', 'dedupe', 'geo', 'geocode',
  'lat', 'lng', 'lon', 'sitemap', 'sitemaps', 'favicon', 'nft', 'nfts', 'qr', 'ecommerce', 'multipart',
]);
