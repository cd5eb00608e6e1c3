import type { Lang } from '../../core/types.js';

/** The rules a publish runs, each with the name the 422 shows (French first: officers read it). */
export const CHECK_RULES = {
  schema: 'champs-obligatoires / required-fields',
  duplicate: 'doublon / duplicate',
  bothLanguages: 'deux-langues / both-languages',
  knownSources: 'sources-connues / known-sources',
  bodyLength: 'longueur / body-length',
  noUnsourcedDetail: 'aucun-lien-ni-numero-sans-source / no-unsourced-detail',
} as const;

/** One failed publish-time check: the rule's name and the checker's own message (for the logs). */
export interface CheckFailure {
  rule: string;
  message: string;
}

/** What each rule asks of the officer, in their language: the checker's messages are English and name files. */
const RULE_TEXTS: Record<Lang, Record<string, string>> = {
  fr: {
    [CHECK_RULES.schema]:
      'Champs obligatoires : le titre, le résumé, au moins un mot-clé, au moins une source et le bureau doivent être remplis, dans les deux langues.',
    [CHECK_RULES.duplicate]: 'Doublon : une autre fiche porte déjà ce nom.',
    [CHECK_RULES.bothLanguages]:
      'Deux langues : la fiche doit exister en français et en anglais avant d’être publiée.',
    [CHECK_RULES.knownSources]:
      'Sources connues : chaque source doit être un document ou un organisme de la liste des sources.',
    [CHECK_RULES.bodyLength]: 'Longueur : le texte doit compter entre 1 et 1 500 caractères.',
    [CHECK_RULES.noUnsourcedDetail]:
      'Aucun lien ni numéro sans source : un lien, un numéro, une adresse ou un paiement qu’aucune fiche publiée ne contient doit passer par l’équipe technique avec son document source.',
  },
  en: {
    [CHECK_RULES.schema]:
      'Required fields: the title, summary, at least one keyword, at least one source and the desk must be filled in, in both languages.',
    [CHECK_RULES.duplicate]: 'Duplicate: another entry already has this name.',
    [CHECK_RULES.bothLanguages]:
      'Both languages: the entry must exist in French and English before it is published.',
    [CHECK_RULES.knownSources]:
      'Known sources: each source must be a document or body from the list of sources.',
    [CHECK_RULES.bodyLength]: 'Length: the text must have between 1 and 1,500 characters.',
    [CHECK_RULES.noUnsourcedDetail]:
      'No unsourced link or number: a link, number, address or payment that no published entry holds must go through the technical team with its source document.',
  },
};

const LANG_NAMES: Record<Lang, Record<Lang, string>> = {
  fr: { fr: 'français', en: 'anglais' },
  en: { fr: 'French', en: 'English' },
};

/**
 * One failure as the officer reads it, in `lang`: the rule's sentence, the entry's language it
 * concerns and the detail at issue, never the checker's English or a file name.
 */
export function failureSentence(failure: CheckFailure, lang: Lang): string {
  const texts = RULE_TEXTS[lang];
  const rule = texts[failure.rule] ?? texts[CHECK_RULES.schema]!;
  const docLang = /\.(fr|en)\.md\b/.exec(failure.message)?.[1] as Lang | undefined;
  const detail = /« (.+?) »/.exec(failure.message)?.[1];
  const parts = [rule];
  if (docLang) parts.push(`(${LANG_NAMES[lang][docLang]})`);
  if (detail)
    parts.push(lang === 'fr' ? `Élément en cause : « ${detail} ».` : `Detail at issue: "${detail}".`);
  return parts.join(' ');
}

/** Every failure once, in `lang`. */
export const failureSentences = (failures: CheckFailure[], lang: Lang): string[] => [
  ...new Set(failures.map((f) => failureSentence(f, lang))),
];

/** What each draft field must hold, for a refused save (zod's own messages are English and technical). */
export const FIELD_TEXTS: Record<Lang, Record<string, string>> = {
  fr: {
    title: 'Titre : entre 3 et 120 caractères.',
    summary: 'Résumé : entre 10 et 400 caractères.',
    body: 'Texte : obligatoire, 6 000 caractères au plus.',
    questions: 'Façons de demander : 40 au plus, chacune de 3 à 200 caractères.',
    sources: 'Sources : 20 au plus.',
    ownerDesk: 'Bureau responsable : choisissez un bureau de la liste.',
    validUntil: 'Valide jusqu’au : date invalide.',
    entryId: 'Titre : il doit contenir des lettres ou des chiffres.',
    lang: 'Langue : français ou anglais.',
  },
  en: {
    title: 'Title: between 3 and 120 characters.',
    summary: 'Summary: between 10 and 400 characters.',
    body: 'Text: required, 6,000 characters at most.',
    questions: 'Ways of asking: 40 at most, each of 3 to 200 characters.',
    sources: 'Sources: 20 at most.',
    ownerDesk: 'Owner desk: choose a desk from the list.',
    validUntil: 'Valid until: invalid date.',
    entryId: 'Title: it must contain letters or digits.',
    lang: 'Language: French or English.',
  },
};

/** The sentences for the fields a refused draft got wrong, in `lang`. */
export const fieldSentences = (fields: string[], lang: Lang): string[] => [
  ...new Set(fields.map((f) => FIELD_TEXTS[lang][f] ?? FIELD_TEXTS[lang].body!)),
];
