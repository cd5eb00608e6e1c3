import { Hono } from 'hono';
import type { Lang } from '../../core/types.js';
import { CONVERSATION_TTL_SEC } from '../../store/conversations.js';
import { DEDUPE_TTL_SEC } from '../../store/inbound.js';
import { DAY_SEC } from '../../store/keys.js';
import { FEEDBACK_TTL_SEC } from '../knowledge/feedback.js';
import { GAP_TTL_SEC } from '../knowledge/gaps.js';
import type { EvalRecord } from './eval-record.js';
import { PublicPage, publicLang, publicPageHeaders } from './public-layout.js';

export interface AboutDeps {
  config: { OPENAI_API_KEY?: string | undefined; OPENAI_MODEL: string; CHECK_CODE_TTL_DAYS: number };
  /** The latest `npm run eval` record; undefined means the figures are not available. */
  evalRecord: EvalRecord | undefined;
}

const days = (sec: number) => Math.round(sec / DAY_SEC);
const pct = (share: number, lang: Lang) =>
  new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    style: 'percent',
    maximumFractionDigits: 0,
  }).format(share);
const ms = (n: number, lang: Lang) =>
  `${new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 1 }).format(n)} ms`;
const date = (iso: string, lang: Lang) =>
  new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'long',
    timeZone: 'Africa/Lome',
  }).format(new Date(iso));

const TEXTS = {
  fr: {
    title: 'À propos de l’assistant',
    doesTitle: 'Ce que fait l’assistant',
    does: [
      'Il répond aux questions à partir d’une base d’informations vérifiées, en français et en anglais, en citant sa source ; quand il ne sait pas, il le dit et propose un agent.',
      'Il enregistre les intentions d’investir ou de partager des compétences, et les transmet au service compétent du ministère.',
      'Il met en relation avec un agent, envoie les actualités auxquelles on s’est abonné, et vérifie si un numéro, un lien ou un message vient bien du ministère (« est-ce officiel ? »).',
    ],
    doesNotTitle: 'Ce qu’il ne fait pas',
    doesNot: [
      'Il ne demande ni ne traite aucun paiement.',
      'Il ne délivre aucun document (passeport, visa, acte) et ne prend aucune décision administrative : ces démarches restent celles des services consulaires et administratifs.',
      'Il n’invente pas de réponse : il ne répond qu’à partir des informations vérifiées.',
    ],
    whoTitle: 'Qui l’exploite',
    who: 'Le ministère des Affaires étrangères, de l’Intégration régionale et des Togolais de l’extérieur, avec l’appui de ses partenaires : l’Organisation internationale pour les migrations (OIM), la Banque africaine de développement (BAD), la Commission de l’Union africaine, l’Union européenne et la coopération allemande (GIZ).',
    dataTitle: 'Les données gardées, et combien de temps',
    data: (cfg: AboutDeps['config']) => [
      'Votre profil (identifiant WhatsApp ou Telegram, nom affiché, langue, dates du premier et du dernier message), vos messages, vos demandes et vos consentements : jusqu’à ce que vous demandiez leur suppression.',
      `L’étape où vous en êtes dans une conversation guidée : ${days(CONVERSATION_TTL_SEC)} jours après votre dernier message.`,
      'Vos abonnements aux actualités : jusqu’à votre désabonnement (« STOP ») ou la suppression de vos données.',
      `Les questions restées sans réponse, sans savoir qui les a posées : ${days(GAP_TTL_SEC)} jours, pour compléter la base.`,
      `Les avis « cette réponse vous a-t-elle aidé ? », sous une forme qui ne permet pas de vous identifier : ${days(FEEDBACK_TTL_SEC)} jours.`,
      `Les identifiants techniques des messages reçus (contre les doublons) : ${days(DEDUPE_TTL_SEC)} jours ; les compteurs anti-abus : quelques jours au plus.`,
      `Les codes de vérification des messages des agents : le service et la date d’envoi seulement, jamais le contenu, vérifiables ${cfg.CHECK_CODE_TTL_DAYS} jours.`,
      'Après une suppression, vos demandes ne restent que sous forme de statistiques anonymes (programme, secteur, pays, statut, dates).',
    ],
    rightsTitle: 'Voir ou supprimer vos données',
    rights:
      'Écrivez « mes données » à l’assistant pour voir ce qu’il garde à votre sujet, et « supprimer mes données » pour tout effacer (une confirmation vous est demandée).',
    modelTitle: 'Un modèle de langage est-il utilisé ?',
    modelYes: (model: string) =>
      `Oui. Un grand modèle de langage (${model}, par une interface compatible OpenAI) rédige les réponses à partir des seuls passages vérifiés de la base, et doit citer ceux qu’il utilise ; sinon, ou au-delà d’un quota quotidien, l’assistant donne le passage vérifié tel quel.`,
    modelNo:
      'Non. Les réponses sont des passages de la base d’informations vérifiées, choisis par un moteur de recherche ; aucun modèle de langage n’est utilisé.',
    evalTitle: 'Qualité des réponses (dernière évaluation)',
    evalNone: 'Les chiffres d’évaluation ne sont pas disponibles.',
    evalIntro: (r: EvalRecord, lang: Lang) =>
      `Évaluation du ${date(r.evaluatedAt, lang)} sur ${r.figures.questions} questions (${r.figures.answerable} couvertes par la base, ${r.figures.toDecline} auxquelles il doit dire ne pas savoir).`,
    evalRows: {
      hitAt1: 'La bonne fiche arrive en premier',
      hitAt3: 'La bonne fiche est parmi les trois premières',
      helped:
        'Questions couvertes auxquelles l’assistant répond avec la bonne fiche, ou la propose parmi trois',
      declined: 'Questions hors de la base auxquelles l’assistant dit ne pas savoir',
      answeredWrong: 'Questions auxquelles l’assistant répond avec une fiche qui ne convient pas',
      p50Ms: 'Temps de recherche médian',
    },
  },
  en: {
    title: 'About the assistant',
    doesTitle: 'What the assistant does',
    does: [
      'It answers questions from a base of verified information, in French and English, naming its source; when it does not know, it says so and offers an officer.',
      'It records intentions to invest or to share skills, and passes them to the ministry’s desk in charge.',
      'It puts people in touch with an officer, sends the news they subscribed to, and checks whether a number, a link or a message really comes from the ministry ("is this real?").',
    ],
    doesNotTitle: 'What it does not do',
    doesNot: [
      'It neither asks for nor handles any payment.',
      'It issues no document (passport, visa, certificate) and takes no administrative decision: those remain with the consular and administrative services.',
      'It does not make answers up: it answers only from verified information.',
    ],
    whoTitle: 'Who runs it',
    who: 'The Ministry of Foreign Affairs, Regional Integration and Togolese Abroad, with the support of its partners: the International Organization for Migration (IOM), the African Development Bank (AfDB), the African Union Commission, the European Union and German cooperation (GIZ).',
    dataTitle: 'What data is kept, and for how long',
    data: (cfg: AboutDeps['config']) => [
      'Your profile (WhatsApp or Telegram id, display name, language, dates of your first and last message), your messages, your requests and your consents: until you ask for them to be deleted.',
      `Where you are in a guided conversation: ${days(CONVERSATION_TTL_SEC)} days after your last message.`,
      'Your news subscriptions: until you unsubscribe ("STOP") or delete your data.',
      `Questions left unanswered, without who asked them: ${days(GAP_TTL_SEC)} days, to complete the base.`,
      `"Did this answer help?" votes, in a form that does not identify you: ${days(FEEDBACK_TTL_SEC)} days.`,
      `Technical ids of received messages (against duplicates): ${days(DEDUPE_TTL_SEC)} days; anti-abuse counters: a few days at most.`,
      `Check codes of officers' messages: the desk and the date only, never the content, verifiable for ${cfg.CHECK_CODE_TTL_DAYS} days.`,
      'After a deletion, your requests remain only as anonymous statistics (programme, sector, country, status, dates).',
    ],
    rightsTitle: 'See or delete your data',
    rights:
      'Write "my data" to the assistant to see what it keeps about you, and "delete my data" to erase everything (you are asked to confirm).',
    modelTitle: 'Is a language model used?',
    modelYes: (model: string) =>
      `Yes. A large language model (${model}, through an OpenAI-compatible interface) writes the answers from the verified passages of the base only, and must cite the ones it uses; otherwise, or past a daily quota, the assistant gives the verified passage as it is.`,
    modelNo:
      'No. Answers are passages of the base of verified information, chosen by a search engine; no language model is used.',
    evalTitle: 'Quality of the answers (latest evaluation)',
    evalNone: 'Evaluation figures are not available.',
    evalIntro: (r: EvalRecord, lang: Lang) =>
      `Evaluation of ${date(r.evaluatedAt, lang)} on ${r.figures.questions} questions (${r.figures.answerable} covered by the base, ${r.figures.toDecline} it should decline).`,
    evalRows: {
      hitAt1: 'The right entry comes first',
      hitAt3: 'The right entry is among the first three',
      helped: 'Covered questions answered with the right entry, or offered among three',
      declined: 'Questions outside the base the assistant says it cannot answer',
      answeredWrong: 'Questions answered with an entry that does not fit',
      p50Ms: 'Median search time',
    },
  },
};

/** `/a-propos`: a public record of what the assistant is, in the spirit of algorithmic transparency. */
export function aboutRoutes(deps: AboutDeps) {
  const app = new Hono();
  app.use('/a-propos', ...publicPageHeaders);
  app.get('/a-propos', (c) => {
    const lang = publicLang(c);
    const t = TEXTS[lang];
    const record = deps.evalRecord;
    return c.html(
      <PublicPage lang={lang} title={t.title} path="/a-propos">
        <section>
          <h2>{t.doesTitle}</h2>
          <ul>
            {t.does.map((line) => (
              <li>{line}</li>
            ))}
          </ul>
          <h2>{t.doesNotTitle}</h2>
          <ul>
            {t.doesNot.map((line) => (
              <li>{line}</li>
            ))}
          </ul>
        </section>
        <section>
          <h2>{t.whoTitle}</h2>
          <p>{t.who}</p>
        </section>
        <section>
          <h2>{t.dataTitle}</h2>
          <ul>
            {t.data(deps.config).map((line) => (
              <li>{line}</li>
            ))}
          </ul>
          <h2>{t.rightsTitle}</h2>
          <p>{t.rights}</p>
        </section>
        <section>
          <h2>{t.modelTitle}</h2>
          <p id="model">{deps.config.OPENAI_API_KEY ? t.modelYes(deps.config.OPENAI_MODEL) : t.modelNo}</p>
        </section>
        <section>
          <h2>{t.evalTitle}</h2>
          {record ? (
            <>
              <p>{t.evalIntro(record, lang)}</p>
              <table id="eval">
                <tbody>
                  {(['hitAt1', 'hitAt3', 'helped', 'declined', 'answeredWrong'] as const).map((k) => (
                    <tr>
                      <td>{t.evalRows[k]}</td>
                      <td>{pct(record.figures[k], lang)}</td>
                    </tr>
                  ))}
                  <tr>
                    <td>{t.evalRows.p50Ms}</td>
                    <td>{ms(record.figures.p50Ms, lang)}</td>
                  </tr>
                </tbody>
              </table>
            </>
          ) : (
            <p id="eval-none">{t.evalNone}</p>
          )}
        </section>
      </PublicPage>,
    );
  });
  return app;
}
