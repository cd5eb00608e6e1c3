import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { describe, expect, it } from 'vitest';
import { rawStrings, visibleText } from '../../test/console/french.js';
import { errorPage, errorPageTexts } from '../console/app.js';
import type { ConsoleEnv } from '../console/env.js';
import { LANG_COOKIE } from '../console/i18n.js';
import { AppError, ERROR_KIND, ERROR_KINDS, type ErrorKind, StoreUnavailableError } from './errors.js';
import { domainError, ERROR_STATUS, errorHandler } from './http-errors.js';
import { silentLogger } from './logger.js';

const STACK = /at .+\.(ts|js)|\n\s+at /;

/** A developer message no officer should read, and that the French scanner recognises as English. */
const DEV_MESSAGE = 'cannot move thing 42: invalid state';

/** An app whose one route throws `error`, answered by the API's handler or the console's page. */
function throwing(error: unknown, handler: 'api' | 'console') {
  const app = new Hono<ConsoleEnv>();
  app.get('/boom', () => {
    throw error;
  });
  app.onError(handler === 'api' ? errorHandler(silentLogger) : errorPage({ logger: silentLogger }));
  return app;
}

const get = (app: Hono<ConsoleEnv>, lang: 'fr' | 'en' = 'fr') =>
  app.request('/boom', lang === 'en' ? { headers: { cookie: `${LANG_COOKIE}=en` } } : {});

describe('domain errors to HTTP: one table', () => {
  it('gives every kind its status', () => {
    // Prepare / Act
    const table = Object.fromEntries(ERROR_KINDS.map((kind) => [kind, ERROR_STATUS[kind]]));
    // Assess
    expect(table).toEqual({
      invalid: 400,
      forbidden: 403,
      'not-found': 404,
      conflict: 409,
      unprocessable: 422,
      unavailable: 503,
    });
    expect(Object.keys(ERROR_STATUS).sort()).toEqual([...ERROR_KINDS].sort());
  });

  it('finds the kind of an error wrapped as grammY wraps them, and calls a dependency that is down unavailable', () => {
    const conflict = new AppError('x', { kind: ERROR_KIND.conflict });
    expect(domainError({ error: conflict })?.kind).toBe('conflict');
    expect(domainError(Object.assign(new Error('socket'), { code: 'ECONNRESET' }))?.kind).toBe('unavailable');
    expect(domainError(new AppError('a fault of ours'))).toBeUndefined();
    expect(domainError(new Error('boom'))).toBeUndefined();
  });
});

describe('the API handler (errorHandler)', () => {
  it.each(ERROR_KINDS.filter((k) => k !== ERROR_KIND.unavailable))(
    '%s: the kind’s status and { error, kind }, never a stack',
    async (kind) => {
      const res = await get(throwing(new AppError(DEV_MESSAGE, { kind }), 'api'));
      expect(res.status).toBe(ERROR_STATUS[kind]);
      const body = await res.text();
      expect(JSON.parse(body)).toEqual({ error: DEV_MESSAGE, kind });
      expect(body).not.toMatch(STACK);
    },
  );

  it('unavailable: 503 with Retry-After and a message that names no internals', async () => {
    const res = await get(throwing(new StoreUnavailableError('DynamoDB unavailable during putLead'), 'api'));
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(await res.json()).toEqual({
      error: 'Temporarily unavailable, please retry.',
      kind: 'unavailable',
    });
  });

  it('keeps 500 for a fault of ours (an error without a kind), still without a stack', async () => {
    const res = await get(throwing(new AppError('a fault of ours'), 'api'));
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: 'Internal error' });
  });

  it('still answers an HTTPException with its own status and message', async () => {
    const res = await get(throwing(new HTTPException(415, { message: 'Send application/json' }), 'api'));
    expect(res.status).toBe(415);
    expect(await res.json()).toEqual({ error: 'Send application/json' });
  });
});

describe('the console’s error page (errorPage)', () => {
  it.each(ERROR_KINDS)(
    '%s: the kind’s status and a French page, never the developer message',
    async (kind: ErrorKind) => {
      const res = await get(throwing(new AppError(DEV_MESSAGE, { kind }), 'console'));
      expect(res.status).toBe(ERROR_STATUS[kind]);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      const text = visibleText(await res.text());
      const { title, text: sentence } = errorPageTexts(kind, 'fr');
      expect(text).toContain(title);
      expect(text).toContain(sentence);
      expect(text).not.toContain(DEV_MESSAGE);
      expect(rawStrings(text)).toEqual([]);
    },
  );

  it('shows the error’s own sentence in the officer’s language when it brings one', async () => {
    const officer = {
      fr: 'Un compte existe déjà avec cette adresse e-mail.',
      en: 'An account already exists.',
    };
    const app = throwing(new AppError(DEV_MESSAGE, { kind: ERROR_KIND.conflict, officer }), 'console');
    const fr = await get(app, 'fr');
    expect(fr.status).toBe(409);
    const frText = visibleText(await fr.text());
    expect(frText).toContain('Modification refusée');
    expect(frText).toContain(officer.fr);
    expect(frText).not.toContain(officer.en);
    const en = visibleText(await (await get(app, 'en')).text());
    expect(en).toContain('Change refused');
    expect(en).toContain(officer.en);
  });

  it('writes the French texts a reader expects for each kind', () => {
    expect(ERROR_KINDS.map((kind) => errorPageTexts(kind, 'fr').title)).toEqual([
      'Saisie invalide',
      'Accès refusé',
      'Introuvable',
      'Modification refusée',
      'Vérification non passée',
      'Service momentanément indisponible',
    ]);
  });

  it('asks for a retry on unavailable, and leaves a fault of ours to the JSON 500', async () => {
    const down = await get(
      throwing(new StoreUnavailableError('DynamoDB unavailable during getLead'), 'console'),
    );
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('5');
    expect(visibleText(await down.text())).not.toContain('DynamoDB');
    const fault = await get(throwing(new Error('boom'), 'console'));
    expect(fault.status).toBe(500);
    expect(await fault.text()).not.toMatch(STACK);
  });
});
