// Picks the route for a request by host and path prefix. Most specific wins: an exact host beats a
// wildcard host beats any host, then the longest prefix. Prefixes match whole segments only, so
// `/api` matches `/api` and `/api/x` but never `/apix`.

export interface RouteMatch {
  readonly hosts: readonly string[];
  readonly pathPrefix: string;
}

interface Entry<R> {
  route: R;
  exactHosts: ReadonlySet<string>;
  wildcardSuffixes: readonly string[];
  prefix: string;
  hostRank: number;
}

export interface RouteTable<R> {
  find(host: string, path: string): R | undefined;
}

export function createRouteTable<R>(routes: readonly R[], matchOf: (route: R) => RouteMatch): RouteTable<R> {
  const entries: Entry<R>[] = routes.map((route) => {
    const match = matchOf(route);
    const hosts = match.hosts.map((h) => h.toLowerCase());
    const prefix = match.pathPrefix.length > 1 && match.pathPrefix.endsWith('/') ? match.pathPrefix.slice(0, -1) : match.pathPrefix;
    return {
      route,
      exactHosts: new Set(hosts.filter((h) => !h.startsWith('*.'))),
      wildcardSuffixes: hosts.filter((h) => h.startsWith('*.')).map((h) => h.slice(1)),
      prefix,
      hostRank: hosts.length === 0 ? 0 : 1,
    };
  });

  function hostScore(entry: Entry<R>, host: string): number {
    if (entry.hostRank === 0) return 1;
    if (entry.exactHosts.has(host)) return 3;
    for (const suffix of entry.wildcardSuffixes) if (host.length > suffix.length && host.endsWith(suffix)) return 2;
    return 0;
  }

  return {
    find(host, path) {
      let best: Entry<R> | undefined;
      let bestScore = 0;
      for (const entry of entries) {
        const score = hostScore(entry, host);
        if (score === 0 || !prefixMatches(entry.prefix, path)) continue;
        const ranked = score * 100_000 + entry.prefix.length;
        if (ranked > bestScore) {
          best = entry;
          bestScore = ranked;
        }
      }
      return best?.route;
    },
  };
}

function prefixMatches(prefix: string, path: string): boolean {
  if (prefix === '/') return true;
  if (!path.startsWith(prefix)) return false;
  return path.length === prefix.length || path.charCodeAt(prefix.length) === 47;
}
