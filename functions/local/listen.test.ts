import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../core/config.js';
import { displayHost, listenAddress } from './listen.js';

// Finding 9 of the hostile-input issue: local mode listened on every interface.
describe('where local mode listens', () => {
  it('binds loopback by default; HOST changes it', async () => {
    const defaults = listenAddress(loadConfig({ APP_ENV: 'local' }));
    expect(defaults.hostname).toBe('127.0.0.1');
    expect(listenAddress(loadConfig({ APP_ENV: 'local', HOST: '0.0.0.0' })).hostname).toBe('0.0.0.0');
    const server = serve({ fetch: new Hono().fetch, ...defaults, port: 0 });
    await new Promise((r) => server.once('listening', r));
    expect((server.address() as AddressInfo).address).toBe('127.0.0.1');
    server.close();
  });

  it('prints a URL one can open', () => {
    expect(displayHost('127.0.0.1')).toBe('127.0.0.1');
    expect(displayHost('0.0.0.0')).toBe('localhost');
    expect(displayHost('::1')).toBe('[::1]');
  });
});
