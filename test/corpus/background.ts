// The benign background every case carries (Host, a real User-Agent, Accept*, sometimes a bearer JWT,
// cookies, Origin/Referer), chosen deterministically from the case id so that adding a case never
// changes another, and so that header false positives show up in the benign score.

/** FNV-1a, 32 bits: a stable seed from a case id. */
export function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** mulberry32: a small seeded generator; the corpus must be the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

export interface BackgroundPools {
  readonly userAgents: readonly string[];
  readonly cookies: readonly string[];
}

const HOSTS = ['api.example.com', 'app.example.org', 'shop.example.com:8443', 'localhost:8080'];
const ACCEPTS = ['application/json, text/plain, */*', '*/*', 'application/json', 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8'];
const LANGUAGES = ['en-US,en;q=0.9', 'de-DE,de;q=0.9,en;q=0.8', 'fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7', 'ja,en-US;q=0.9,en;q=0.8', 'en-GB,en;q=0.5'];
const ENCODINGS = ['gzip, deflate, br, zstd', 'gzip, deflate', 'gzip, deflate, br'];
const ORIGINS = ['https://www.example.com', 'https://app.example.org', 'http://localhost:3000', 'http://localhost:5173', 'https://staging.example.net'];
const REFERER_PATHS = ['/', '/checkout?step=2', '/dashboard', '/search?q=running+shoes&sort=price', '/account/settings#profile', '/products/42?ref=home'];

/** Background headers as [name, value] pairs, without Content-Type / Content-Length (the body adds those). */
export function backgroundHeaders(caseId: string, pools: BackgroundPools): [string, string][] {
  const random = seededRandom(hashText(caseId));
  const userAgent = pick(random, pools.userAgents);
  const headers: [string, string][] = [
    ['Host', pick(random, HOSTS)],
    ['User-Agent', userAgent],
    ['Accept', pick(random, ACCEPTS)],
    ['Accept-Language', pick(random, LANGUAGES)],
    ['Accept-Encoding', pick(random, ENCODINGS)],
  ];
  if (userAgent.startsWith('Mozilla/5.0') && random() < 0.6) {
    headers.push(['sec-ch-ua', '"Chromium";v="125", "Google Chrome";v="125", "Not.A/Brand";v="24"']);
    headers.push(['sec-ch-ua-platform', '"Windows"']);
    headers.push(['Sec-Fetch-Mode', 'cors'], ['Sec-Fetch-Site', 'same-site']);
  }
  if (random() < 0.4) headers.push(['Authorization', `Bearer ${fakeJwt(random)}`]);
  if (random() < 0.5) headers.push(['Cookie', pick(random, pools.cookies)]);
  if (random() < 0.5) {
    const origin = pick(random, ORIGINS);
    headers.push(['Origin', origin], ['Referer', `${origin}${pick(random, REFERER_PATHS)}`]);
  }
  if (random() < 0.3) headers.push(['X-Request-Id', fakeUuid(random)]);
  if (random() < 0.2) headers.push(['traceparent', `00-${hex(random, 16)}-${hex(random, 8)}-01`]);
  return headers;
}

function hex(random: () => number, bytes: number): string {
  let out = '';
  for (let index = 0; index < bytes; index++) out += Math.floor(random() * 256).toString(16).padStart(2, '0');
  return out;
}

export function fakeUuid(random: () => number): string {
  const raw = hex(random, 16);
  return `${raw.slice(0, 8)}-${raw.slice(8, 12)}-4${raw.slice(13, 16)}-a${raw.slice(17, 20)}-${raw.slice(20, 32)}`;
}

function base64url(value: Buffer | string): string {
  return Buffer.from(value).toString('base64url');
}

/** A JWT shaped like an OAuth access token (RS256, 256-byte signature); not signed by anything. */
export function fakeJwt(random: () => number): string {
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: hex(random, 8) }));
  const issuedAt = 1_717_245_296 + Math.floor(random() * 10_000_000);
  const payload = base64url(JSON.stringify({
    iss: 'https://auth.example.com/', sub: `auth0|${hex(random, 12)}`, aud: ['https://api.example.com', 'https://auth.example.com/userinfo'],
    iat: issuedAt, exp: issuedAt + 86_400, scope: 'openid profile email read:orders write:orders', azp: hex(random, 16),
  }));
  const signature = Buffer.alloc(256);
  for (let index = 0; index < signature.length; index++) signature[index] = Math.floor(random() * 256);
  return `${header}.${payload}.${base64url(signature)}`;
}
