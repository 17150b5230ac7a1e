// Pooled keep-alive connections per upstream (undici Pool). Pools are shared across config
// reloads when their settings are unchanged, and closed (after their requests finish) when not.
import { readFileSync } from 'node:fs';
import { Pool } from 'undici';
import { BulwarkError } from '../core/errors.js';
import type { RouteConfig } from './gateway-config.js';

export interface Upstream {
  readonly key: string;
  readonly pool: Pool;
  /** Path of the upstream URL without a trailing slash; '' for the root. */
  readonly basePath: string;
  /** host[:port] of the upstream URL, the Host header sent unless preserveHost. */
  readonly host: string;
  readonly preserveHost: boolean;
}

export interface UpstreamRegistry {
  /** Returns the upstream for this config, reusing an existing pool with identical settings. */
  acquire(config: RouteConfig['upstream'], keyPath: string): Upstream;
  /** Closes pools not in `keep`; each close waits for that pool's in-flight requests. */
  release(keep: ReadonlySet<string>): Promise<void>;
  closeAll(): Promise<void>;
}

export function createUpstreamRegistry(): UpstreamRegistry {
  const pools = new Map<string, Pool>();

  return {
    acquire(config, keyPath) {
      const url = new URL(config.url);
      const ca = config.tls.ca === undefined ? undefined : readPem(config.tls.ca, `${keyPath}.tls.ca`);
      const key = JSON.stringify([url.origin, config.connectTimeout, config.responseTimeout, config.bodyTimeout,
        config.connections, config.tls.rejectUnauthorized, config.tls.ca, config.tls.servername]);
      let pool = pools.get(key);
      if (!pool) {
        pool = new Pool(url.origin, {
          connections: config.connections,
          headersTimeout: config.responseTimeout,
          bodyTimeout: config.bodyTimeout,
          keepAliveTimeout: 4_000,
          connect: {
            timeout: config.connectTimeout,
            rejectUnauthorized: config.tls.rejectUnauthorized,
            ...(ca === undefined ? {} : { ca }),
            ...(config.tls.servername === undefined ? {} : { servername: config.tls.servername }),
          },
        });
        pools.set(key, pool);
      }
      const basePath = url.pathname === '/' ? '' : url.pathname.replace(/\/$/, '');
      return { key, pool, basePath, host: url.host, preserveHost: config.preserveHost };
    },
    async release(keep) {
      const closing: Promise<void>[] = [];
      for (const [key, pool] of pools) {
        if (keep.has(key)) continue;
        pools.delete(key);
        closing.push(pool.close());
      }
      await Promise.allSettled(closing);
    },
    async closeAll() {
      await this.release(new Set());
    },
  };
}

function readPem(file: string, keyPath: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new BulwarkError('CONFIG_TLS_FILE', `${keyPath}: cannot read ${file} (${(error as Error).message})`, { cause: error });
  }
}
