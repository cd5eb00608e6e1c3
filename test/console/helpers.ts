import type { Hono } from 'hono';
import { createOfficer, type Officer } from '../../functions/console/officers/repository.js';
import type { Channel } from '../../functions/core/types.js';
import { createLead, type Lead } from '../../functions/features/leads/repository.js';
import type { Store } from '../../functions/store/client.js';
import { TEST_PUBLIC_URL } from '../helpers/requests.js';

export const ORIGIN = new URL(TEST_PUBLIC_URL).origin;
export const PASSWORD = 'test password 123';

export interface Staff {
  officer: Officer;
  /** An officer of another desk. */
  otherOfficer: Officer;
  supervisor: Officer;
  admin: Officer;
}

export async function seedStaff(store: Store): Promise<Staff> {
  const make = (email: string, name: string, role: Officer['role'], desk: string) =>
    createOfficer(store, { email, name, role, desk, password: PASSWORD });
  const [officer, otherOfficer, supervisor, admin] = await Promise.all([
    make('officer@example.test', 'Officer One', 'officer', 'investment-promotion'),
    make('other@example.test', 'Officer Two', 'officer', 'digital-economy'),
    make('supervisor@example.test', 'Supervisor', 'supervisor', 'togolese-abroad'),
    make('admin@example.test', 'Admin', 'admin', 'togolese-abroad'),
  ]);
  return { officer, otherOfficer, supervisor, admin };
}

export function newLead(
  store: Store,
  init: { desk: string; channel?: Channel; userId?: string; fullName?: string; country?: string },
  nowMs = Date.now(),
): Promise<Lead> {
  const channel = init.channel ?? 'whatsapp';
  const userId = init.userId ?? (channel === 'whatsapp' ? 'whatsapp:+33600000001' : '5001');
  return createLead(
    store,
    {
      kind: 'registration',
      programme: 'investment',
      sector: 'agriculture',
      country: init.country ?? 'FR',
      city: 'Paris',
      fullName: init.fullName ?? 'Kossi Mensah',
      profession: 'Agronome',
      contactPreference: 'chat',
      channel,
      userId,
      address: userId,
      lang: 'fr',
      desk: init.desk,
    },
    nowMs,
  );
}

/** A tiny cookie jar over `app.request`: what a browser would keep between requests. */
export class ConsoleClient {
  readonly cookies = new Map<string, string>();
  csrf = '';

  constructor(readonly app: Hono) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  async get(path: string, headers: Record<string, string> = {}) {
    return this.keep(await this.app.request(path, { headers: { cookie: this.cookieHeader(), ...headers } }));
  }

  async post(
    path: string,
    form: Record<string, string> = {},
    options: { csrf?: string | null; origin?: string } = {},
  ) {
    const body = new URLSearchParams(form);
    const token = options.csrf === undefined ? this.csrf : options.csrf;
    if (token !== null) body.set('_csrf', token);
    return this.keep(
      await this.app.request(path, {
        method: 'POST',
        headers: {
          cookie: this.cookieHeader(),
          'content-type': 'application/x-www-form-urlencoded',
          origin: options.origin ?? ORIGIN,
        },
        body: body.toString(),
      }),
    );
  }

  async postJson(path: string, body: string, headers: Record<string, string> = {}) {
    return this.keep(
      await this.app.request(path, {
        method: 'POST',
        headers: { cookie: this.cookieHeader(), 'content-type': 'application/json', ...headers },
        body,
      }),
    );
  }

  /** Signs in through the login form, as a browser does; returns the login response. */
  async signIn(email: string, password = PASSWORD) {
    const form = await this.get('/console/login');
    const loginToken = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
    const res = await this.post('/console/login', { email, password }, { csrf: loginToken });
    if (res.status === 303) {
      const page = await this.get(res.headers.get('location') ?? '/console');
      this.csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
    }
    return res;
  }
}

export async function signedIn(app: Hono, email: string): Promise<ConsoleClient> {
  const client = new ConsoleClient(app);
  const res = await client.signIn(email);
  if (res.status !== 303) throw new Error(`sign-in of ${email} failed: ${res.status}`);
  return client;
}
