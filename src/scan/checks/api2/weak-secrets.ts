// HMAC keys found in tutorials, framework defaults and leaked configurations: a token signed with
// one of them can be forged by anyone. Kept short: the guess runs offline, per token, at scan time.
export const WEAK_JWT_SECRETS: readonly string[] = [
  'secret', 'secret123', 'secret1', 'secretkey', 'secret-key', 'secret_key', 'mysecret', 'my-secret', 'my_secret', 'mysecretkey',
  'supersecret', 'super-secret', 'supersecretkey', 'topsecret', 'jwt', 'jwtsecret', 'jwt-secret', 'jwt_secret', 'jwtkey', 'jwt-key',
  'your-256-bit-secret', 'your-secret-key', 'your_jwt_secret', 'changeme', 'change-me', 'changeit', 'password', 'password1', 'password123',
  'passw0rd', 'admin', 'admin123', 'root', 'test', 'test123', 'testing', 'dev', 'development', 'default', 'example', 'key', 'private',
  'privatekey', 'private-key', 'qwerty', '123456', '12345678', '123456789', 'letmein', 'welcome', 'shhhhh', 'shhhhhhared-secret',
  'hello', 'hello123', 'api', 'apikey', 'api-key', 'token', 'tokensecret', 'auth', 'authsecret', 'app', 'appsecret', 'app-secret',
  'node', 'express', 'nestjs', 'laravel', 'django-insecure', 'flask', 'spring', 'rails', 'gin', 's3cr3t', 's3cret', 'secr3t',
  'keyboard cat', 'ThisIsMySecret', 'thisismysecret', 'notasecret', 'insecure', 'unsafe', 'demo', 'sample', 'local', 'localhost',
];
