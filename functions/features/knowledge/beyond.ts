/**
 * Subjects next to the desk's own that people from the diaspora often ask about and that a ministry
 * desk for Togolese abroad does not answer from its own documents: social security and pensions,
 * taxes, loans and bonds, family law, courts and criminal records, schools and scholarships, health
 * cover, driving licences and flights, elections, the host country's residence papers, rents and
 * wages. Categories, like the off-domain lexicon, not questions: a word here only holds back an
 * answer when the best entry does not contain it, so an entry written later on one of these subjects
 * answers it as usual. Such a question shares words with an entry ("transfer my pension to a bank
 * account" with the money-transfer entry) without being about it: it is asked back when the rest
 * matched well, declined when it did not, never answered.
 */
const WORDS = `
  pension pensions retraites chomage unemployment allocations allocation cotisations carsat cnss rente
  securite-sociale impot impots fiscal fiscale fiscalite imposition tax taxes taxation treaty vat tva
  credit credits pret prets emprunt emprunter hypotheque mortgage mortgages loan loans bonds eurobond
  eurobonds obligataire
  divorce divorcer divorced heritage heriter succession inheritance inherit testament adoption adopter
  adopt custody alimentaire
  casier judiciaire criminal avocat avocats lawyer lawyers tribunal tribunaux court courts proces
  lawsuit litige litiges
  ecole ecoles school schools universite universites university universities scolarite tuition
  scholarship scholarships bourse bourses
  maladie insurance assurance assurances mutuelle vaccin vaccins vaccine vaccines vaccination
  medicaments medicines
  permis permit permits licence license driving conduire flight flights vol vols billet billets avion airline
  elections election electoral vote voter voting
  naturalisation naturalization naturalise citizenship
  militaire military
  loyer loyers rent renting logement housing
  sejour prefecture asile asylum resident residents residency
  salaire salaires salary wages smig
`;

export const BEYOND = new Set(WORDS.split(/\s+/).filter(Boolean));

/** The question's words naming a neighbouring subject the best entry does not contain. */
export function subjectsBeyond(words: string[], inEntry: (word: string) => boolean): string[] {
  return words.filter((w) => BEYOND.has(w) && !inEntry(w));
}

/** An asking clause of this many words or fewer ("quelle procédure ?") says nothing of its subject. */
const SHORT_ASK = 4;
const CLAUSE = /[,;.!?:\n]+|\b(?:but|mais|sauf que|except)\b/;
const ASKS =
  /\b(comment|cmt|how|what|where|which|who|qui|quoi|que faire|quels?|quelles?|par ou|est ce|can|could|do|does|is there|are there|y a t il|puis je|peut on|faut il|combien|pourquoi|why|je veux|jveux|je voudrais|j aimerais|je souhaite|i want|i would like|i need|i d like)\b/;

/**
 * The request of a message: from its first clause that asks or wants something to the end. "My son
 * finished university in Canada, how can he share his skills…" asks about sharing skills; the
 * university is the story before it; a bare "what is the procedure?" keeps the clause before it. A
 * message with no such clause is all request.
 */
export function requestClause(folded: string): string {
  const clauses = folded.split(CLAUSE).filter((c) => c?.trim());
  const first = clauses.findIndex((c) => ASKS.test(c.replace(/[’']/g, ' ')));
  if (first < 0) return folded;
  // A bare "what is the procedure?" takes its subject from the clause before it.
  const bare = clauses[first]!.trim().split(/\s+/).length <= SHORT_ASK;
  return clauses.slice(bare && first > 0 ? first - 1 : first).join(' ');
}
