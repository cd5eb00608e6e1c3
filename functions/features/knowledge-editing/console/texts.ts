import type { Lang } from '../../../core/types.js';
import { FIELD_TEXTS } from '../check-texts.js';
import type { EntryState, ExpiryState, FieldChange, KnowledgeAuditAction, VersionKind } from '../model.js';

/** The knowledge base pages' words, French first (officers read French; English via the console switch). */
const fr = {
  title: 'Base de connaissances',
  navLabel: 'Base de connaissances',
  intro:
    'Les fiches dont l’assistant tire ses réponses. Un brouillon n’atteint aucun citoyen : il est publié après relecture par une seconde personne (un autre rédacteur ou un superviseur).',
  newEntry: 'Nouvelle fiche',
  filterState: 'État',
  filterExpiry: 'Validité',
  filterDesk: 'Bureau responsable',
  filter: 'Filtrer',
  all: 'Tous',
  mine: 'Mon bureau',
  none: 'Aucune fiche ne correspond.',
  entry: 'Fiche',
  field: 'Champ',
  french: 'Français',
  english: 'Anglais',
  ownerDesk: 'Bureau responsable',
  sources: 'Sources',
  validUntil: 'Valide jusqu’au',
  noValidUntil: 'Sans date limite',
  state: 'État',
  expiry: 'Validité',
  lastChange: 'Dernière modification',
  by: 'par',
  missing: '(pas encore traduite)',
  states: {
    published: 'Publiée',
    'draft-pending': 'Brouillon en attente de relecture',
    'new-draft': 'Nouveau brouillon (jamais publiée)',
  } satisfies Record<EntryState, string>,
  expiries: {
    valid: 'Valide',
    grace: 'Période de grâce',
    withdrawn: 'Retirée (l’assistant n’en répond plus)',
  } satisfies Record<ExpiryState, string>,
  expiredFlag: (n: number) =>
    n === 1
      ? '1 fiche de votre bureau a dépassé sa date de validité : mettez-la à jour.'
      : `${n} fiches de votre bureau ont dépassé leur date de validité : mettez-les à jour.`,
  graceHelp: (until: string) =>
    `Date de validité dépassée : l’assistant la sert encore jusqu’au ${until}, puis cessera d’en répondre.`,
  withdrawnHelp:
    'Date de validité dépassée depuis la fin de la période de grâce : l’assistant ne répond plus à partir de cette fiche et le dit honnêtement.',
  // Entry page
  published: 'Version publiée',
  latestDraft: 'Dernier brouillon',
  noPublished: 'Cette fiche n’a jamais été publiée : aucun citoyen ne la voit.',
  noDraft: 'Aucun brouillon en attente : la version publiée est la dernière.',
  version: (n: number) => `version ${n}`,
  versionTitle: (n: number) => `Version ${n}`,
  edit: 'Modifier',
  editLang: (l: string) => `Modifier la version ${l.toLowerCase()}e`,
  titleField: 'Titre',
  summary: 'Résumé (les premières lignes de chaque réponse)',
  summaryHelp:
    'Deux phrases au plus, 400 caractères. L’assistant commence toujours par lui : mettez-le à jour quand le texte change. Laissé vide sur une nouvelle fiche, il est tiré du texte.',
  body: 'Texte de la réponse (Markdown)',
  bodyHelp:
    'Paragraphes séparés par une ligne vide ; listes avec « - » en début de ligne. 1 500 caractères au plus pour être lisible sur un téléphone.',
  questions: 'Les façons de poser la question (une par ligne)',
  questionsHelp: 'Écrivez-les comme les citoyens les écrivent, fautes comprises.',
  sourcesHelp:
    'Cochez les documents ou organismes qui justifient la réponse. Un nouveau document source s’ajoute par l’équipe technique (git).',
  validUntilHelp: 'Facultatif : après cette date, la fiche est signalée à son bureau.',
  saveDraft: 'Enregistrer le brouillon',
  preview: 'Aperçu',
  previewButton: 'Actualiser l’aperçu',
  previewIntro:
    'La réponse à une question sur le sujet de la fiche, telle que chaque messagerie l’afficherait : le résumé, le passage utile, puis « Lire la suite » pour le reste. Selon la question posée, l’assistant choisit un autre passage.',
  previewCut: (n: number) =>
    `Le reste (${n} caractères) est envoyé quand le citoyen choisit « Lire la suite ».`,
  previewButtons: 'Boutons',
  previewNumbers: 'Choix proposés (le citoyen tape le numéro)',
  draftSaved: (n: number) =>
    `Brouillon enregistré (version ${n}). Il n’est pas visible des citoyens tant qu’il n’est pas publié.`,
  versions: 'Versions',
  versionKinds: {
    imported: 'Importée depuis git',
    draft: 'Brouillon',
    rollback: 'Retour à une version antérieure',
    gap: 'Question sans réponse ajoutée',
  } satisfies Record<VersionKind, string>,
  copiedFrom: (n: number) => `copie de la version ${n}`,
  publishedOn: (at: string, by: string) => `publiée le ${at} par ${by}`,
  onePerson: 'publiée par son auteur (mode une personne)',
  rollback: 'Revenir à cette version',
  rollbackConfirm: (n: number) =>
    `Confirmer : republier la version ${n} à la place de la version publiée (l’action est notée dans l’historique).`,
  rollbackDone: (n: number) => `Version ${n} republiée : les citoyens la reçoivent d’ici une minute.`,
  currentPublished: 'Publiée actuellement',
  audit: 'Historique (lecture seule)',
  auditActions: {
    kb_imported: 'Importée depuis git',
    kb_draft_saved: 'Brouillon enregistré',
    kb_published: 'Publiée',
    kb_rolled_back: 'Retour à une version antérieure, publiée',
    kb_gap_attached: 'Question sans réponse ajoutée aux façons de demander',
    kb_gap_draft: 'Brouillon commencé depuis une question sans réponse',
    kb_gap_ignored: 'Question sans réponse ignorée',
    kb_expiry_flagged: 'Date de validité dépassée, signalée au bureau',
  } satisfies Record<KnowledgeAuditAction, string>,
  auditAuthor: (name: string) => `brouillon de ${name}`,
  auditOnePerson: 'mode une personne utilisé',
  auditVersion: (n: number) => `version ${n}`,
  auditLang: (l: string) => `langue : ${l}`,
  auditQuestion: (q: string) => `question : « ${q} »`,
  system: 'l’assistant (automatique)',
  // Review
  review: 'Relecture et publication',
  diffIntro: (from: number | null, to: number) =>
    from === null
      ? `Nouvelle fiche : tout le contenu de la version ${to} est nouveau.`
      : `Changements de la version ${to} par rapport à la version publiée (${from}).`,
  noChange: 'Aucun changement par rapport à la version publiée.',
  before: 'Avant',
  after: 'Après',
  added: 'Ajouté',
  removed: 'Supprimé',
  unchanged: 'Inchangé',
  bodyDiff: (l: string) => `Texte (${l.toLowerCase()}), ligne par ligne`,
  fields: {
    title: 'Titre',
    summary: 'Résumé',
    keywords: 'Mots-clés',
    questions: 'Façons de demander',
    sources: 'Sources',
    desk: 'Bureau responsable',
    reviewed: 'Date de relecture',
    valid_until: 'Valide jusqu’au',
    body: 'Texte',
  } satisfies Record<FieldChange['field'], string>,
  emptyValue: '(vide)',
  publish: 'Publier',
  publishHelp:
    'En publiant, vous confirmez avoir relu ces changements. Votre nom et celui de l’auteur sont notés dans l’historique.',
  onePersonHelp:
    'Mode une personne : vous pouvez publier votre propre brouillon ; l’historique indiquera que ce mode a été utilisé.',
  ownDraft:
    'Vous êtes l’auteur de ce brouillon : un second rédacteur ou un superviseur doit le relire et le publier.',
  cannotPublish: 'Publier demande le droit « Rédacteur » ou le rôle de superviseur.',
  publishedDone: (gaps: number) =>
    `Publiée : les citoyens reçoivent cette version d’ici une minute.${
      gaps > 0
        ? ` ${gaps === 1 ? '1 question sans réponse est résolue.' : `${gaps} questions sans réponse sont résolues.`}`
        : ''
    }`,
  checkFailed: 'Publication refusée : la vérification a trouvé un problème.',
  // Validation of the form
  invalid: 'Le brouillon n’a pas été enregistré : corrigez les champs signalés.',
  invalidFields: FIELD_TEXTS.fr,
  conflict:
    'Quelqu’un a enregistré une autre version de cette fiche entre-temps : votre texte est conservé ci-dessous, mais il n’est pas enregistré. Comparez avec la nouvelle version, puis enregistrez de nouveau.',
  conflictAgain: 'Enregistrer quand même par-dessus la nouvelle version',
  entryExists: 'Une fiche porte déjà ce titre : ouvrez-la pour la modifier.',
  // Gaps
  gaps: 'Questions sans réponse',
  gapsIntro:
    'Questions auxquelles l’assistant n’a pas su répondre (données personnelles masquées). « Répondre » ajoute la question à une fiche ou commence une nouvelle fiche ; elle est résolue quand la réponse est publiée.',
  gapQuestion: 'Question',
  gapCount: 'Nombre de fois',
  gapFirst: 'Première fois',
  answer: 'Répondre',
  ignore: 'Ignorer',
  ignoreFor: (q: string) => `Ignorer la question « ${q} »`,
  answerFor: (q: string) => `Répondre à la question « ${q} »`,
  gapIgnored: 'Question ignorée : elle ne figure plus dans la liste.',
  gapNeedsEditor: 'Répondre ou ignorer demande le droit « Rédacteur », accordé par un administrateur.',
  gapStats: 'Suivi des questions sans réponse',
  gapResolved: 'Résolues',
  gapMedian: 'Délai médian de résolution',
  gapPending: 'En attente de publication',
  gapIgnoredCount: 'Ignorées',
  gapAnswerTitle: 'Répondre à une question sans réponse',
  gapAttach: 'Ajouter à une fiche existante',
  gapAttachHelp:
    'La question devient une nouvelle façon de demander cette fiche (un brouillon, à faire publier par une seconde personne).',
  gapPick: 'Fiche',
  gapAttachButton: 'Ajouter la question à cette fiche',
  gapNew: 'Ou commencer une nouvelle fiche',
  gapNewHelp:
    'La question est ajoutée aux façons de demander. La traduction dans l’autre langue se fait ensuite sur la page de la fiche.',
  gapAttached: 'Question ajoutée aux façons de demander, dans un brouillon à faire relire et publier.',
  gapDrafted:
    'Nouvelle fiche commencée à partir de la question : complétez l’autre langue, puis faites-la publier.',
  hours: (h: number) =>
    h < 48 ? `${h.toLocaleString('fr-FR')} h` : `${(h / 24).toFixed(1).replace('.', ',')} j`,
  noneYet: 'aucune encore',
  back: '← Base de connaissances',
  backDashboard: '← Tableau de bord',
  forbidden:
    'La base de connaissances est ouverte aux agents ayant le droit « Rédacteur » et aux superviseurs.',
};

export type KnowledgeConsoleTexts = typeof fr;

const en: KnowledgeConsoleTexts = {
  title: 'Knowledge base',
  navLabel: 'Knowledge base',
  intro:
    'The entries the assistant answers from. A draft reaches no citizen: it is published after review by a second person (another editor or a supervisor).',
  newEntry: 'New entry',
  filterState: 'State',
  filterExpiry: 'Validity',
  filterDesk: 'Owner desk',
  filter: 'Filter',
  all: 'All',
  mine: 'My desk',
  none: 'No entry matches.',
  entry: 'Entry',
  field: 'Field',
  french: 'French',
  english: 'English',
  ownerDesk: 'Owner desk',
  sources: 'Sources',
  validUntil: 'Valid until',
  noValidUntil: 'No end date',
  state: 'State',
  expiry: 'Validity',
  lastChange: 'Last change',
  by: 'by',
  missing: '(not translated yet)',
  states: {
    published: 'Published',
    'draft-pending': 'Draft waiting for review',
    'new-draft': 'New draft (never published)',
  },
  expiries: {
    valid: 'Valid',
    grace: 'Grace period',
    withdrawn: 'Withdrawn (the assistant no longer answers from it)',
  },
  expiredFlag: (n) =>
    n === 1
      ? '1 entry of your desk is past its valid-until date: update it.'
      : `${n} entries of your desk are past their valid-until date: update them.`,
  graceHelp: (until) =>
    `Past its valid-until date: the assistant still serves it until ${until}, then stops answering from it.`,
  withdrawnHelp:
    'Past its valid-until date and the grace period: the assistant no longer answers from this entry and says so honestly.',
  published: 'Published version',
  latestDraft: 'Latest draft',
  noPublished: 'This entry was never published: no citizen sees it.',
  noDraft: 'No draft waiting: the published version is the latest.',
  version: (n) => `version ${n}`,
  versionTitle: (n) => `Version ${n}`,
  edit: 'Edit',
  editLang: (l) => `Edit the ${l} version`,
  titleField: 'Title',
  summary: 'Summary (the first lines of every answer)',
  summaryHelp:
    'Two sentences at most, 400 characters. The assistant always starts with it: update it when the text changes. Left empty on a new entry, it is taken from the text.',
  body: 'Answer text (Markdown)',
  bodyHelp:
    'Paragraphs separated by an empty line; lists with "- " at the start of a line. 1,500 characters at most to read well on a phone.',
  questions: 'The ways people ask (one per line)',
  questionsHelp: 'Write them as citizens write them, typos included.',
  sourcesHelp:
    'Tick the documents or bodies the answer relies on. A new source document is added by the technical team (git).',
  validUntilHelp: 'Optional: after this date, the entry is flagged to its desk.',
  saveDraft: 'Save draft',
  preview: 'Preview',
  previewButton: 'Refresh the preview',
  previewIntro:
    'The answer to a question on the entry’s subject, as each messaging app would show it: the summary, the useful passage, then "Read more" for the rest. Depending on the question asked, the assistant picks another passage.',
  previewCut: (n) => `The rest (${n} characters) is sent when the citizen chooses "Read more".`,
  previewButtons: 'Buttons',
  previewNumbers: 'Choices offered (the citizen types the number)',
  draftSaved: (n) => `Draft saved (version ${n}). Citizens do not see it until it is published.`,
  versions: 'Versions',
  versionKinds: {
    imported: 'Imported from git',
    draft: 'Draft',
    rollback: 'Back to an earlier version',
    gap: 'Unanswered question added',
  },
  copiedFrom: (n) => `copy of version ${n}`,
  publishedOn: (at, by) => `published on ${at} by ${by}`,
  onePerson: 'published by its author (one-person mode)',
  rollback: 'Go back to this version',
  rollbackConfirm: (n) =>
    `Confirm: publish version ${n} again instead of the published one (the action is recorded in the history).`,
  rollbackDone: (n) => `Version ${n} published again: citizens get it within a minute.`,
  currentPublished: 'Currently published',
  audit: 'History (read-only)',
  auditActions: {
    kb_imported: 'Imported from git',
    kb_draft_saved: 'Draft saved',
    kb_published: 'Published',
    kb_rolled_back: 'Back to an earlier version, published',
    kb_gap_attached: 'Unanswered question added to the ways of asking',
    kb_gap_draft: 'Draft started from an unanswered question',
    kb_gap_ignored: 'Unanswered question ignored',
    kb_expiry_flagged: 'Past its valid-until date, flagged to the desk',
  },
  auditAuthor: (name) => `draft by ${name}`,
  auditOnePerson: 'one-person mode used',
  auditVersion: (n) => `version ${n}`,
  auditLang: (l) => `language: ${l}`,
  auditQuestion: (q) => `question: "${q}"`,
  system: 'the assistant (automatic)',
  review: 'Review and publish',
  diffIntro: (from, to) =>
    from === null
      ? `New entry: everything in version ${to} is new.`
      : `Changes in version ${to} against the published version (${from}).`,
  noChange: 'No change from the published version.',
  before: 'Before',
  after: 'After',
  added: 'Added',
  removed: 'Removed',
  unchanged: 'Unchanged',
  bodyDiff: (l) => `Text (${l}), line by line`,
  fields: {
    title: 'Title',
    summary: 'Summary',
    keywords: 'Keywords',
    questions: 'Ways of asking',
    sources: 'Sources',
    desk: 'Owner desk',
    reviewed: 'Review date',
    valid_until: 'Valid until',
    body: 'Text',
  },
  emptyValue: '(empty)',
  publish: 'Publish',
  publishHelp:
    'By publishing, you confirm you reviewed these changes. Your name and the author’s are recorded in the history.',
  onePersonHelp: 'One-person mode: you may publish your own draft; the history will show this mode was used.',
  ownDraft: 'You wrote this draft: a second editor or a supervisor must review and publish it.',
  cannotPublish: 'Publishing needs the "Editor" right or the supervisor role.',
  publishedDone: (gaps) =>
    `Published: citizens get this version within a minute.${
      gaps > 0
        ? ` ${gaps === 1 ? '1 unanswered question is resolved.' : `${gaps} unanswered questions are resolved.`}`
        : ''
    }`,
  checkFailed: 'Publish refused: the check found a problem.',
  invalid: 'The draft was not saved: correct the fields shown.',
  invalidFields: FIELD_TEXTS.en,
  conflict:
    'Someone saved another version of this entry in the meantime: your text is kept below, but it is not saved. Compare with the new version, then save again.',
  conflictAgain: 'Save anyway on top of the new version',
  entryExists: 'An entry already has this title: open it to edit it.',
  gaps: 'Unanswered questions',
  gapsIntro:
    'Questions the assistant could not answer (personal data masked). "Answer" adds the question to an entry or starts a new one; it is resolved when the answer is published.',
  gapQuestion: 'Question',
  gapCount: 'Times asked',
  gapFirst: 'First asked',
  answer: 'Answer',
  ignore: 'Ignore',
  ignoreFor: (q) => `Ignore the question "${q}"`,
  answerFor: (q) => `Answer the question "${q}"`,
  gapIgnored: 'Question ignored: it is no longer listed.',
  gapNeedsEditor: 'Answering or ignoring needs the "Editor" right, granted by an administrator.',
  gapStats: 'Unanswered questions follow-up',
  gapResolved: 'Resolved',
  gapMedian: 'Median time to resolve',
  gapPending: 'Waiting for publication',
  gapIgnoredCount: 'Ignored',
  gapAnswerTitle: 'Answer an unanswered question',
  gapAttach: 'Add to an existing entry',
  gapAttachHelp:
    'The question becomes a new way of asking this entry (a draft, to be published by a second person).',
  gapPick: 'Entry',
  gapAttachButton: 'Add the question to this entry',
  gapNew: 'Or start a new entry',
  gapNewHelp:
    'The question is added to the ways of asking. The other language is written next, on the entry’s page.',
  gapAttached: 'Question added to the ways of asking, in a draft to be reviewed and published.',
  gapDrafted: 'New entry started from the question: complete the other language, then have it published.',
  hours: (h) => (h < 48 ? `${h} h` : `${(h / 24).toFixed(1)} d`),
  noneYet: 'none yet',
  back: '← Knowledge base',
  backDashboard: '← Dashboard',
  forbidden: 'The knowledge base is open to officers with the "Editor" right and to supervisors.',
};

export const knowledgeTexts = (lang: Lang): KnowledgeConsoleTexts => (lang === 'en' ? en : fr);
export const langName = (l: Lang, lang: Lang) =>
  l === 'fr' ? knowledgeTexts(lang).french : knowledgeTexts(lang).english;
