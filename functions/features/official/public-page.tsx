import { Hono } from 'hono';
import type { Store } from '../../store/client.js';
import { PublicPage, publicLang, publicPageHeaders } from '../transparency/public-layout.js';
import { listOfficialEntries, type OfficialKind } from './registry.js';

const TEXTS = {
  fr: {
    title: 'Canaux officiels',
    intro:
      'Les numéros, comptes et sites ci-dessous sont ceux que le ministère a enregistrés comme officiels. Un message qui vient d’ailleurs n’est pas officiel. Pour vérifier un numéro, un lien ou un message reçu, écrivez « est-ce officiel ? » à l’assistant, ou transférez-lui le message.',
    empty: 'Aucun canal officiel n’est encore publié ici.',
    kind: 'Type',
    value: 'Canal',
    owner: 'Titulaire',
    kinds: {
      whatsapp: 'WhatsApp',
      phone: 'Téléphone',
      telegram: 'Telegram',
      domain: 'Site web',
      email_domain: 'Adresses e-mail',
    } satisfies Record<OfficialKind, string>,
  },
  en: {
    title: 'Official channels',
    intro:
      'The numbers, accounts and websites below are the ones the ministry has registered as official. A message from anywhere else is not official. To check a number, a link or a message you received, write "is this real?" to the assistant, or forward the message to it.',
    empty: 'No official channel is published here yet.',
    kind: 'Type',
    value: 'Channel',
    owner: 'Owner',
    kinds: {
      whatsapp: 'WhatsApp',
      phone: 'Phone',
      telegram: 'Telegram',
      domain: 'Website',
      email_domain: 'E-mail addresses',
    },
  },
} as const;

const shown = (kind: OfficialKind, value: string) =>
  kind === 'telegram' ? `@${value}` : kind === 'email_domain' ? `…@${value}` : value;

/** `/officiel`: the active official channels, public, no login, cacheable. Retired ones are not listed. */
export function officialPublicRoutes(deps: { store: Store }) {
  const app = new Hono();
  app.use('/officiel', ...publicPageHeaders);
  app.get('/officiel', async (c) => {
    const lang = publicLang(c);
    const t = TEXTS[lang];
    const entries = (await listOfficialEntries(deps.store)).filter((e) => e.status === 'active');
    return c.html(
      <PublicPage lang={lang} title={t.title} path="/officiel">
        <p>{t.intro}</p>
        {entries.length === 0 ? (
          <p id="official-empty">{t.empty}</p>
        ) : (
          <section>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.kind}</th>
                  <th scope="col">{t.value}</th>
                  <th scope="col">{t.owner}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr>
                    <td>{t.kinds[e.kind]}</td>
                    <td>{shown(e.kind, e.value)}</td>
                    <td>{e.owner}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
      </PublicPage>,
    );
  });
  return app;
}
