import { ABROAD } from './neutral.js';
import { fold, STOPWORDS, stems } from './text.js';

/**
 * Attempts to change the assistant's rules. The question is still only data (the model never sees
 * it as instructions), but answering such a message as a search query would look like compliance,
 * so it gets the ordinary "I can't answer that" instead.
 */
const INJECTION = [
  /\b(ignore|disregard|forget|override|bypass)\b.{0,40}\b(instructions?|rules?|prompts?|guidelines|context|above)\b/,
  /\b(ignore|oublie|oubliez|ignorez|ignores?)\b.{0,40}\b(instructions?|consignes?|regles?|prompts?|directives?)\b/,
  /\b(system|developer) (prompt|message|mode)\b/,
  /\bprompt systeme\b/,
  /\b(you are|you re|tu es|vous etes) (now|maintenant|desormais)\b/,
  /\b(act|behave) as\b|\bpretend (to be|you)\b|\bfais semblant\b|\bjailbreak\b|\bdan mode\b/,
  /\b(reveal|show|print|repeat|affiche|montre|revele)\b.{0,30}\b(prompt|instructions?|consignes?)\b/,
  /\b(forget|ignore|oublie|oubliez|ignore) (everything|all|tout)\b/,
  /\badmin(istrator)? (access|mode|rights|privileges)\b|\b(acces|mode|droits) (admin|administrateur)\b/,
];

export function looksLikeInjection(question: string): boolean {
  const text = fold(question).replace(/[’']/g, ' ').replace(/\s+/g, ' ');
  return INJECTION.some((pattern) => pattern.test(text));
}

/**
 * Broad categories a diaspora desk never answers (weather, sport, cooking, jokes, arithmetic,
 * translation, entertainment, fuel and market prices, gambling). This is a category signal,
 * not a list of questions: a word here only refuses when the best entry does not contain it.
 */
const OFF_DOMAIN = new Set(
  `meteo pluie pleut neige temperature weather rain raining forecast sunny snow
  football foot soccer ligue champions basket basketball tennis nba fifa buteur sport sports
  joueur joueurs footballeur footballeurs player players footballer footballers
  recette recettes cuisine cuisiner cuire gateau bake baking recipe recipes cook cooking bread cake pizza
  blague blagues joke jokes drole funny devinette riddle humour humor
  calcul calcule calculer multiplie multiply math maths mathematics equation arithmetique arithmetic
  traduis traduisez traduire translate translation
  clock horloge
  film films movie movies chanson chansons song songs musique music netflix celebrite celebrity
  essence carburant fuel petrol gasoline bitcoin crypto horoscope astrologie
  loto lotto lottery casino betting gambling
  chien chiens chat chats dog dogs cat cats puppy chiot
  iphone smartphone samsung laptop playstation ps5 xbox
  python javascript java html css
  poeme poem poesie poetry dissertation essay devoir homework
  workout musculation fitness regime diet calories maigrir perdre poids`
    .split(/\s+/)
    .filter(Boolean),
);

export function offDomainWords(words: string[]): string[] {
  return words.filter((w) => OFF_DOMAIN.has(w));
}

/** "2+2", "12 x 7" (not "2024-2025" nor "22-26 juillet"): arithmetic is out of scope whatever else the message says. */
export function looksLikeArithmetic(question: string): boolean {
  return /\d\s*[+*×÷=]\s*\d|\d\s+[x/]\s+\d/.test(question);
}

/**
 * General-knowledge and clock questions ("capital of…", "who won…", "what time is it"): a category, like
 * the lexicon above, that no diaspora desk answers even when one word ("capital") is in the base.
 */
const TRIVIA = [
  /\b(capital|capitale) (city )?(of|de|du|des)\b/,
  /\b(population|superficie|area) (of|de|du|des)\b/,
  /\bwho (won|scored|invented|discovered|wrote|sang)\b/,
  /\bqui a (gagne|marque|invente|decouvert|ecrit|chante)\b/,
  /\bhow (old|tall|far|many calories)\b/,
  /\bwhat time is it\b|\bquelle heure est il\b|\bil est quelle heure\b|\bheure (est il|il est)\b/,
  /\b(quel temps|what s the weather|how s the weather)\b/,
  // Shopping and leisure recommendations.
  /\b(meilleure?s?|best|good|bon|bonne|bons|nice)\s+(\w+\s+)?(telephone|phone|smartphone|ordinateur|laptop|tv|tele|restaurant|restaurants|hotel|hotels|plage|beach|boite|club|bar|film|films|movie|movies|serie|series|name|nom|prenom|cadeau|gift)\b/,
];

export function looksLikeTrivia(question: string): boolean {
  const text = fold(question).replace(/[’']/g, ' ');
  return TRIVIA.some((pattern) => pattern.test(text));
}

/** Questions about the assistant itself, which contain only stop words ("qui es-tu ?", "what can you do"). */
const ABOUT_SELF = [
  /\b(qui|ki|c ?est quoi|c quoi|t ?es quoi) (es|est|etes)? ?[- ]?(tu|toi|vous|ce bot|cet assistant)\b/,
  /\b(t|tu es|t es) (qui|ki|quoi)\b/,
  /\b(que|qu est ce que) (peux|pouvez|sais|savez|fais|faites)[- ]?(tu|vous)? ?(faire)?\b/,
  /\bwho (are|r) (you|u)\b/,
  /\bwhat (can|do) (you|u|this bot|this assistant) do\b/,
  /\bwhat are you\b/,
];

export function asksAboutAssistant(question: string): boolean {
  const text = fold(question)
    .replace(/[’'?!.,-]/g, ' ')
    .replace(/\s+/g, ' ');
  return ABOUT_SELF.some((pattern) => pattern.test(text));
}

/** Folded, apostrophes and hyphens as spaces, chat-speak kept as typed (patterns list its forms). */
function plain(question: string): string {
  return ` ${fold(question)
    .replace(/[’'`-]/g, ' ')
    .replace(/\s+/g, ' ')} `;
}

export const REFUSALS = {
  forgery: 'forgery',
  bypass: 'bypass',
  otherPeoplesData: 'third-party-data',
  fundingPromise: 'funding-promise',
  political: 'political',
  abuse: 'abuse',
} as const;
export type Refusal = (typeof REFUSALS)[keyof typeof REFUSALS];

const DOCUMENT =
  '(certificats?|documents?|papiers?|lettres?|attestations?|actes?|passeports?|diplomes?|tampons?|cachets?|visas?|cartes?|certificates?|letters?|passports?|stamps?|ids?|diplomas?|papers?|invitations?|messages?)';
const MAKE =
  '(fais|faire|fait|faites|cree|creer|crees|fabrique|fabriquer|redige|rediger|ecris|ecrire|produis|genere|donne|make|write|create|produce|draft|generate|forge|give|prepare|prepare)';

/**
 * Requests the ministry's assistant must never serve, whatever the knowledge base holds: forging
 * or impersonating official documents, bypassing or bribing a procedure, other people's data,
 * promises of approval or funding, political opinions, and plain abuse. Categories, not questions:
 * a question *about* scams or forgery ("is this number a scam?") is not matched.
 */
const REFUSE: [Refusal, RegExp][] = [
  [
    REFUSALS.forgery,
    new RegExp(
      `\\b(faux|fausse|fausses|fake|false|forged|counterfeit|falsifie|falsifiee|bidon)\\s+(\\w+\\s+){0,2}${DOCUMENT}\\b|\\b${DOCUMENT}\\s+(\\w+\\s+){0,2}(falsifie|falsifiee|fake|forged|bidon)\\b`,
    ),
  ],
  [
    REFUSALS.forgery,
    new RegExp(
      `\\b${MAKE}\\b.{0,60}\\b(au nom (du|de l|de la)|on behalf of|from the ministry|du ministere|de l ambassade|from the embassy|with the (logo|stamp)|avec le (logo|tampon|cachet))\\b`,
    ),
  ],
  [REFUSALS.forgery, /\b(falsifier|falsify|contrefaire|imiter la signature|forge a|forger un)\b/],
  [
    REFUSALS.bypass,
    /\b(sans passer par|without going through|contourner|bypass|circumvent|pot de vin|bribe|bribing|dessous de table|under the table|graisser la patte|pistonner|piston)\b/,
  ],
  [
    REFUSALS.bypass,
    /\b(speed up|accelerer|faire avancer)\b.{0,60}\b(pay|payer|paie|cfa|fcfa|euros?|dollars?|\d+k)\b/,
  ],
  [
    REFUSALS.bypass,
    /\b(pay|payer|paie|verser)\b.{0,40}\b(someone|quelqu un|qqn|un agent|an agent|a contact)\b.{0,40}\b(ministry|ministere|ambassade|embassy|consulat|consulate)\b|\b(know|connais) (someone|quelqu un|qqn|un gars|a guy)\b.{0,40}\b(ministry|ministere|ambassade|embassy|consulat|douane|customs)\b.{0,60}\b(pay|payer|cfa|fcfa|euros?|\d+k)\b/,
  ],
  [
    REFUSALS.bypass,
    /\b(so that|so|pour que|sans que)\b.{0,40}\b(bank|banque|bceao|otr|douane|customs|tax|impots?|fisc|police)\b.{0,20}\b(don t|doesn t|do not|does not|won t|ne|n)\b.{0,15}\b(see|notice|know|voie|voient|sache|sachent|remarque)\b|\b(blanchir|launder|laundering|cacher (de l argent|mon argent|l argent)|hide (money|cash|the money))\b/,
  ],
  [
    REFUSALS.otherPeoplesData,
    /\b(liste|list|fichier|base|database|export|exporte|exporter|dump|print|affiche|extract|extraire)\b.{0,40}\b(personnes|gens|inscrits|inscrites|utilisateurs|membres|abonnes|people|users|members|subscribers|records|leads|registered|contacts|numeros|phone numbers)\b/,
  ],
  [
    REFUSALS.otherPeoplesData,
    /\b(not mine|isn t mine|pas (le|la) mien(ne)?|pas a moi|someone else s|somebody else s|d un autre|de quelqu un d autre|other people s|d autres personnes)\b/,
  ],
  [
    REFUSALS.otherPeoplesData,
    /\b(numero|telephone|phone|adresse|address|e ?mail|contacts?|coordonnees|details|statut|status|dossier|file)\b.{0,20}\b(de|du|d|of|for)\b\s+(mon|ma|my|notre|our)?\s*(voisin|voisine|neighbou?r|ami|amie|friend|collegue|colleague|cousin|cousine|ex)\b/,
  ],
  [
    REFUSALS.otherPeoplesData,
    /\b(mon|ma|my)\s+(voisin|voisine|neighbou?r|collegue|colleague|ex)\b.{0,60}\b(inscrit|inscrite|demande|registered|applied|signed up|a fait|has)\b/,
  ],
  [REFUSALS.otherPeoplesData, /\b(qui s est inscrit|qui se sont inscrits|who registered|who signed up)\b/],
  [
    REFUSALS.fundingPromise,
    /\b(confirm|confirming|confirme|confirmant|garantis|garantir|guarantee|promets|promise|atteste|attestant|certify|certifie|certifiant)\b.{0,80}\b(finance|financera|financement|funded|funding|fund|approved|approuve|approuvee|accepte|agree|agreee)\b/,
  ],
  [REFUSALS.fundingPromise, /\b(partenaire agree|approved partner|accredited partner|partenaire officiel)\b/],
  [
    REFUSALS.fundingPromise,
    new RegExp(`\\b${MAKE}\\b.{0,60}\\b(approved|funded|approuve|approuvee|finance|financee)\\b`),
  ],
  [
    REFUSALS.political,
    /\b(dictat\w*|opposition|truque\w*|rigged|parti au pouvoir|ruling party|qui va gagner|who will win|who should i vote|pour qui voter|coup d etat)\b/,
  ],
  [
    REFUSALS.abuse,
    /\b(voleurs?|incapables?|bande d|nuls?|useless|trash|rubbish|idiots?|stupides?|stupid|escrocs?|crooks?|thieves|connards?|merde|shit|bullshit|pourris?|corrompus?|corrupt)\b/,
  ],
];

/** The kind of request the assistant refuses whatever it knows, if the question is one. */
export function refusalOf(question: string): Refusal | undefined {
  const text = plain(question);
  return REFUSE.find(([, pattern]) => pattern.test(text))?.[0];
}

export const DETAILS = {
  amount: 'amount',
  rate: 'rate',
  date: 'date',
  hours: 'hours',
  name: 'name',
  contact: 'contact',
  /** "How many Togolese live abroad?": a count of something, which only a number *of that thing* answers. */
  count: 'count',
  /** "How long does it take?": a duration, which only a figure with a unit of time answers. */
  duration: 'duration',
} as const;
export type Detail = (typeof DETAILS)[keyof typeof DETAILS];

/**
 * A count: "how many X", "combien de X", "combien y a-t-il de X", "le nombre de X", "combien
 * sommes-nous". The counted noun (group 1 or 2), when there is one, is what the number must be of.
 */
const COUNT_ASKED =
  /\bhow many (?:of )?(?:the )?([a-z]+)|\bcombien (?:y a t il |il y a |sont |sommes |de |d )+(?:de |d |les )?([a-z]+)?|\b(?:nombre|number) (?:de |d |of )(?:les |the )?([a-z]+)/;

/**
 * A question whose answer is one exact detail: an amount, a rate, a date, opening hours, a
 * person's name, a phone number or address. The knowledge base states such details only where
 * a seed document does; otherwise the honest answer is "I don't know, ask this body".
 */
const DETAIL_ASKED: [Detail, RegExp][] = [
  [
    DETAILS.rate,
    /\b(quel|quelle|c est quoi|what s|what is|whats|combien|how much)\b.{0,30}\b(taux|rate|pourcentage|percentage)\b|\b(taux|rate)\b.{0,40}\b(combien|aujourd hui|today|actuel|current|now)\b|\bhow many (cfa|fcfa|francs?|euros?|dollars?)\b|\b(vat|tva)\b|\binterest rate\b|\btaux d interet\b/,
  ],
  [
    DETAILS.amount,
    /\b(combien (coute|coutent|ca coute|ca fait|faut il|faut payer|on paie|je paie|de frais|d argent|pour)|c est combien|c combien|ca coute combien|combien en moyenne|how much (is|are|does|do|will|would|for|money|it|to)|what (is|are) the (price|cost|fees?|charges?)|quel est le (prix|tarif|cout|montant)|quels sont les (frais|tarifs|prix)|le prix (d|du|de)|price of|cost of|the fees? (for|to))\b|\b(smig|smic|minimum wage|salaire minimum)\b/,
  ],
  [
    DETAILS.duration,
    /\b(combien de (temps|jours|semaines|mois)( (ca|ça) prend| faut il)?|how long (does|do|will|is|are|would|it)( it| they| that)?( takes?| lasts?)?|how many (days|weeks|months)|quels? (sont les |est le )?delais?|what (is|are) the (processing )?(time|delay)s?|processing time)\b/,
  ],
  [DETAILS.count, COUNT_ASKED],
  [
    // "is there an official figure?", "y a-t-il des statistiques ?": a count without the words "how many".
    DETAILS.count,
    /\b(is there|are there|any|y a t il|existe t il|do you have|avez vous|have you got)\b.{0,20}\b(statistics?|statistiques?|figures?|chiffres?|estimates?|estimations?|official numbers?|nombres? officiels?)\b/,
  ],
  [
    DETAILS.hours,
    /\b(a quelle heure|what time|horaires?|opening hours|heures d ouverture|open on|ouvre (le|a|quand)|ferme (a|le) quelle|ouvert le)\b/,
  ],
  [
    DETAILS.date,
    /\b(c est quand|c quand|quand (est|sont|a lieu|auront|aura|se tiendra|commence|commencent|ont lieu)|when (is|are|will|does|do) the next|prochaines? (elections?|date|session|edition)|next (election|elections|session|edition)|date limite|deadline)\b/,
  ],
  [
    DETAILS.name,
    /\b(qui est|c est qui|c qui|who is|who s|whos|nom (du|de la|de l)|name of) (le |la |l |the |actuel |current |notre |our )*(ministre|minister|ambassadeur|ambassadrice|ambassador|directeur|directrice|director|president|presidente|consul|coordonnateur|coordinateur|coordinator|responsable|chef|head|dg|ceo)\b/,
  ],
  [
    DETAILS.contact,
    // "ce numéro WhatsApp est-il le vôtre ?": a number the person holds, not one asked for.
    /(?<!\b(?:ce|cet|this|that) )\b(numero (de telephone|de tel|perso|personnel|whatsapp|direct)|phone number|telephone number|personal (number|phone|email|e mail|contact)|e ?mail (perso|personnel|address|adresse)|adresse (e ?mail|mail|exacte|perso)|personal email|numero du ministre|numero de l ambassadeur)\b|\b(perso|personal)\b.{0,20}\b(de l ambassadeur|du ministre|of the (ambassador|minister))\b/,
  ],
];

/** Evidence in an entry's text that it holds a detail of that kind. */
const DETAIL_HELD: Record<Detail, RegExp> = {
  amount: /\d[\d\s.,]*\s?(f ?cfa|xof|€|euros?|dollars?|usd|\$|millions?|milliards?)/i,
  rate: /\d\s?%|\bpour ?cent\b|\bper ?cent\b/i,
  date: /\b(19|20)\d\d\b/,
  hours: /\b\d{1,2}\s?h(\s?\d\d)?\b|\b\d{1,2}(:\d\d)?\s?(am|pm)\b/i,
  // A role word next to a capitalised first and last name ("le coordonnateur national, Jean Dupont").
  name: /(ministre|minister|ambassadeur|ambassador|directeur|director|président|president|coordonnateur|coordinator|consul)[^.]{0,60}\b\p{Lu}\p{Ll}+ \p{Lu}/u,
  contact: /\+\d[\d\s().-]{7,}\d|\b\d{2}(?:[\s.]\d{2}){3,}\b|[\w.+-]+@[\w-]+\.\w+|https?:\/\/|\bwww\./,
  // Any figure that is not a year: the counted noun is checked by `holdsDetail`.
  count: /\b(?!(?:19|20)\d\d\b)\d[\d\s.,]*\b/,
  duration: /\b\d+\s?(jours?|semaines?|mois|ans?|heures?|days?|weeks?|months?|years?|hours?)\b/i,
};

/**
 * The exact detail the question asks for, and whether that is the whole question: "combien coûte
 * une parcelle et quelles sont les conditions ?" asks for more than the amount.
 */
export interface DetailAsked {
  kind: Detail;
  /** Every clause asks for the detail. */
  only: boolean;
  /** For a count, the noun counted. */
  noun?: string;
  /** The clauses that ask for something else ("… et quelles sont les conditions"), when there are any. */
  rest?: string;
  /** A person's own number or address ("son numéro perso"): never what an entry's general contact line answers. */
  personal?: true;
  /** The words that ask for the detail ("combien coûte", "how long does"): the request's form, not its subject. */
  asking: string;
}

const PERSONAL = /\b(perso|personnel|personnelle|personal|private|prive|privee|direct)\b/;

export function detailAsked(question: string): DetailAsked | undefined {
  // Each question of the message ("…ici ? combien de temps ça prend"), then each clause of one.
  const clauses = plain(question)
    .split(/\?\s+(?=\S)/)
    .flatMap((sentence) =>
      sentence.split(
        /\b(?:et|and|,|ou bien|also|aussi)\s+(?=(?:quelles?|quels?|comment|how|what|where|qui|who|est ce|can|do|does|is|are|ou|que|quoi|les conditions|the conditions|the steps|les demarches)\b)/,
      ),
    );
  let kind: Detail | undefined;
  const rest: string[] = [];
  const asking: string[] = [];
  for (const clause of clauses) {
    const found = DETAIL_ASKED.find(([, pattern]) => pattern.test(` ${clause} `));
    if (!found) rest.push(clause);
    else asking.push(found[1].exec(` ${clause} `)![0]);
    kind ??= found?.[0];
  }
  if (!kind) return undefined;
  const asked: DetailAsked = { kind, only: rest.length === 0, asking: asking.join(' ').trim() };
  if (rest.length > 0) asked.rest = rest.join(' ');
  if (kind === DETAILS.contact && PERSONAL.test(plain(question))) asked.personal = true;
  if (kind !== DETAILS.count) return asked;
  const counted = COUNT_ASKED.exec(plain(question));
  const noun = counted?.slice(1).find((w) => w && w.length > 2);
  if (noun) asked.noun = noun;
  return asked;
}

/**
 * The words that name each kind of detail in an entry's text, and the ways an entry says it does
 * not hold it ("Our sources give neither the fees nor the time needed", "les frais… varient :
 * vérifiez-les auprès de l'ambassade"). Such an entry answers a question for that detail honestly:
 * it says it does not know and who does.
 */
const DETAIL_WORDS: Record<Detail, RegExp> = {
  amount: /\b(frais|tarifs?|couts?|prix|montants?|fees?|costs?|prices?|charges)\b/,
  rate: /\b(taux|rates?)\b/,
  date: /\b(dates?|calendrier|calendar)\b/,
  hours: /\b(horaires?|heures d ouverture|opening hours|rendez vous|appointments?)\b/,
  name: /\b(noms?|names?)\b/,
  contact: /\b(numeros?|telephone|phone|adresses?|address(es)?|e ?mails?)\b/,
  // Not "numbers": "we give no phone numbers" says nothing of a count.
  count: /\b(nombre|chiffres?|figures?|statistiques?|statistics|estimations?|estimates?)\b/,
  duration: /\b(delais?|durees?|time needed|timelines?|how long|processing times?)\b/,
};
const NOT_HELD =
  /\b(ne (precisent|precise|donnent|donne|donnons|communique|communiquons|disent|dit|indiquent|indique) (ni|pas)|give neither|gives neither|do not (give|state|say)|does not (give|state|say)|don t (give|state|say)|varient|varie|vary|varies|dependent|depend|depends|ne sont pas (connus|precises)|not known|unknown)\b/;

/** Whether a word names a detail of this kind ("frais", "cost", "délais"): part of how it is asked, not what about. */
export function namesDetail(word: string, kind: Detail): boolean {
  return DETAIL_WORDS[kind].test(word);
}

/** Whether an entry says, in one sentence, that it does not hold a detail of this kind. */
export function admitsNotHolding(text: string, kind: Detail): boolean {
  return fold(text)
    .replace(/[’'`-]/g, ' ')
    .split(/(?<=[.!?;:])\s+|\n+/)
    .some((sentence) => DETAIL_WORDS[kind].test(sentence) && NOT_HELD.test(sentence));
}

const PEOPLE = ['personnes', 'people', 'togolais', 'togolese', 'membres', 'members', 'habitants'];

/**
 * Whether an entry's text states a detail of this kind at all. For a count, a number *of the counted
 * thing*: the noun's stem within three words after a figure ("2 millions de Togolais"), not any digit.
 */
export function holdsDetail(text: string, kind: Detail, noun?: string): boolean {
  if (kind !== DETAILS.count) return DETAIL_HELD[kind].test(text);
  const folded = fold(text).replace(/[’'`-]/g, ' ');
  // "combien sommes-nous", "how many of us": a count of people. A noun is compared by its first
  // letters too, so the French and English words meet ("Togolais" / "Togolese", "membres" / "members").
  const counted = noun && !STOPWORDS.has(noun) ? [noun] : PEOPLE;
  const wanted = counted.flatMap((w) => [...stems(w), w.slice(0, 4)]);
  for (const m of folded.matchAll(/\b(\d[\d\s.,]*)((?:\s+[a-z]+){1,3})/g)) {
    const figure = m[1]!.trim();
    if (/^(19|20)\d\d$/.test(figure)) continue;
    const after = m[2]!.trim().split(/\s+/);
    if (after.some((w) => wanted.some((t) => w.startsWith(t) || stems(w).includes(t)))) return true;
  }
  return false;
}

const PLACE_ABROAD = `(${[...ABROAD].join('|')})`;
const TO = '(?:pour|for|to|vers|en|au|aux|a|in|into)';
const GO = '(?:aller|partir|voyager|entrer|go|travel|fly|enter|visit|move)';
/**
 * A visa for another country ("un visa pour la France", "do I need a visa to go to Ghana", "aller
 * au Canada sans visa"): only that country's embassy issues it, whatever the base says of visas
 * for coming to Togo.
 */
const VISA_ELSEWHERE = [
  new RegExp(
    `\\bvisas?\\b(?: \\w+){0,4}? ${TO} (?:${GO} )?(?:${TO} )?(?:(?:la|le|l|les|the) )?${PLACE_ABROAD}\\b`,
  ),
  new RegExp(`\\b${GO} ${TO} (?:(?:la|le|l|les|the) )?${PLACE_ABROAD}\\b.{0,40}\\bvisas?\\b`),
];

export function asksVisaElsewhere(question: string): boolean {
  // The word first: most messages have none, and the place patterns are long.
  if (!/visa/i.test(question)) return false;
  const text = plain(question);
  return VISA_ELSEWHERE.some((pattern) => pattern.test(text));
}

/** "When is the next forum?", "les prochaines sessions": a date to come, which a past year does not answer. */
export function asksUpcoming(question: string): boolean {
  return /\b(next|upcoming|prochaine?s?|a venir|coming)\b/.test(plain(question));
}

/** Whether a text names a year from `year` on. */
export function namesYearFrom(text: string, year: number): boolean {
  return [...text.matchAll(/\b(19|20)\d\d\b/g)].some((m) => Number(m[0]) >= year);
}
