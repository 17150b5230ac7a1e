// What a parameter, header or key name says about its value, for SSRF and RFI: a host or URL the
// server may fetch (`callback_url`, `webhookUrl`, `host`), a link that may be followed (`next`,
// `avatar`), or a file or page the server may include (`page`, `template`: the classic RFI parameters,
// OWASP WSTG-INPV-11). Names repeat across requests, so the answer is cached.

/** Bit flags: a name can be several (`imagePath` is a link and a file). */
export const NAME_HOST = 1;
export const NAME_LINK = 2;
export const NAME_INCLUDE = 4;
/** A URL the browser is sent to, not one the server fetches: `redirect_uri=http://127.0.0.1:51004/` is OAuth for native apps (RFC 8252 section 7.3). */
export const NAME_NAVIGATION = 8;

/** Words whose value is a host or a URL the server connects to: every IP spelling counts there. */
const HOST_WORDS = new Set(['url', 'urls', 'uri', 'href', 'src', 'host', 'hostname', 'endpoint', 'callback', 'webhook', 'hook', 'proxy', 'server', 'address', 'addr', 'domain', 'upstream', 'remote', 'fetch', 'baseurl']);
/** Words that name a host only as the last word: `api` or `targetApi` is an endpoint, `apiVersion` and `x-api-key` are not. */
const LAST_HOST_WORDS = new Set(['api']);
/** Words whose value is a link or resource location; a plain number there is not an address. */
const LINK_WORDS = new Set(['target', 'dest', 'destination', 'redirect', 'next', 'link', 'links', 'feed', 'rss', 'site', 'website', 'avatar', 'image', 'img', 'icon', 'logo', 'thumbnail', 'photo', 'picture', 'return', 'returnto', 'continue', 'goto', 'load', 'origin', 'source', 'location', 'download', 'import', 'preview']);
/** Names PHP-style applications pass to include() / require(): remote file inclusion targets. */
const INCLUDE_WORDS = new Set(['file', 'filename', 'filepath', 'page', 'include', 'inc', 'path', 'template', 'tpl', 'doc', 'document', 'folder', 'root', 'pg', 'style', 'stylesheet', 'pdf', 'lang', 'language', 'locale', 'dir', 'module', 'mod', 'view', 'content', 'layout', 'conf', 'config', 'cat', 'board', 'skin', 'theme', 'plugin', 'require', 'show', 'read', 'header', 'footer', 'menu', 'nav', 'main', 'home', 'base', 'inc_path', 'mosconfig']);
/** Words of browser navigation targets (OAuth `redirect_uri`, checkout `success_url`, `returnTo`, `next`). */
const NAVIGATION_WORDS = ['redirect', 'return', 'next', 'continue', 'goto', 'origin', 'referer', 'referrer', 'success', 'cancel', 'failure', 'refresh', 'logout', 'login', 'signin', 'signout'];
/** Concatenated lowercase names (`imageurl`, `redirecturi`, `targethost`) end in one of these. */
const HOST_SUFFIXES = ['url', 'uri', 'host', 'hostname', 'endpoint', 'webhook', 'callback', 'server', 'domain'];
/** Names about addresses as data (an inventory's `ip_address`, an `email_address`), not fetch targets. */
const DATA_PARTS = ['ip', 'email', 'mail', 'mac', 'street', 'postal', 'billing', 'shipping', 'wallet', 'cidr', 'subnet'];

const MAX_CACHED_NAMES = 2048;
const cache = new Map<string, number>();

/** NAME_* flags of `name`. */
export function nameFlags(name: string): number {
  const cached = cache.get(name);
  if (cached !== undefined) return cached;
  const flags = computeFlags(name);
  if (cache.size >= MAX_CACHED_NAMES) cache.clear();
  cache.set(name, flags);
  return flags;
}

function computeFlags(name: string): number {
  if (name.length === 0 || name.length > 64) return 0;
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter((word) => word !== '');
  let flags = 0;
  if (words.some((word) => INCLUDE_WORDS.has(word))) flags |= NAME_INCLUDE;
  if (words.some((word) => DATA_PARTS.includes(word) || word.startsWith('ipaddr') || word.endsWith('mail'))) return flags;
  // Prefix match: `redirecturi`, `returnurl`, `successurl` are single lowercase words.
  if (words.some((word) => NAVIGATION_WORDS.some((prefix) => word.startsWith(prefix)))) flags |= NAME_NAVIGATION;
  const last = words[words.length - 1] ?? '';
  if (words.some((word) => HOST_WORDS.has(word)) || LAST_HOST_WORDS.has(last) || HOST_SUFFIXES.some((suffix) => last.endsWith(suffix))) flags |= NAME_HOST;
  else if (words.some((word) => LINK_WORDS.has(word))) flags |= NAME_LINK;
  return flags;
}
