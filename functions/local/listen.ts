import type { Config } from '../core/config.js';

/** Where `npm start` listens: `HOST` (loopback unless changed) and `PORT`. */
export function listenAddress(config: Pick<Config, 'HOST' | 'PORT'>): { hostname: string; port: number } {
  return { hostname: config.HOST, port: config.PORT };
}

/** A host to print in a URL: a wildcard bind is reached through localhost, IPv6 goes in brackets. */
export function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}
