import { stopwords as stopDe } from '@orama/stopwords/german';
import { stopwords as stopIt } from '@orama/stopwords/italian';
import { stopwords as stopPt } from '@orama/stopwords/portuguese';
import { stopwords as stopEs } from '@orama/stopwords/spanish';
import { fold } from './text.js';

/**
 * Words that say who is asking and from where, never what about: places where the diaspora lives
 * and towns of Togo, jobs, family, greetings in the languages of Togo, and the small words of the
 * other European languages people mix in. When the knowledge base has never seen such a word, it
 * counts neither for nor against an answer ("je suis infirmière à Bordeaux…" is not a question
 * about Bordeaux). A word the base does know is searched as usual.
 */
/** Places outside Togo where the diaspora lives or travels. */
const ABROAD_WORDS = `
  paris lyon marseille lille bordeaux toulouse nantes rennes rouen reims strasbourg montpellier nice
  grenoble dijon tours orleans metz nancy creteil montreuil bobigny versailles
  bruxelles brussels anvers antwerp liege gand geneve geneva lausanne zurich bale basel berne
  berlin hambourg hamburg munich muenchen francfort frankfurt cologne koln dusseldorf stuttgart bonn
  londres london manchester birmingham leeds dublin amsterdam rotterdam la haye hague
  madrid barcelone barcelona valence valencia seville rome milan turin naples bologne lisbonne lisbon
  montreal quebec ottawa toronto vancouver calgary new york washington dc houston atlanta chicago
  boston dallas maryland texas california californie minnesota
  dakar abidjan accra cotonou lagos abuja niamey ouagadougou bamako conakry douala yaounde libreville
  kinshasa casablanca rabat tunis alger tripoli le caire cairo dubai doha riyad moscou moscow pekin beijing
  tokyo sydney johannesburg nairobi kigali addis
  france belgique belgium suisse switzerland allemagne germany angleterre england royaume uni uk
  irlande ireland pays bas netherlands espagne spain italie italy portugal canada usa etats unis america
  amerique ghana benin nigeria niger senegal mali burkina cote ivoire libye libya maroc morocco tunisie
  emirats qatar arabie russie chine china japon japan australie australia kazakhstan astana`;

const WORDS = `${ABROAD_WORDS}
  lome kara sokode atakpame kpalime tsevie aneho dapaong bassar mango badou notse blitta sotouboua
  vogan tabligbo agoe adidogome be tokoin kegue baguida
  infirmier infirmiere nurse medecin docteur doctor chirurgien urgentiste pharmacien pharmacienne
  ingenieur engineer comptable accountant chauffeur driver soudeur welder electricien electrician
  plombier plumber macon mason menuisier carpenter mecanicien mechanic cuisinier chef serveur
  professeur prof teacher enseignant instituteur avocat lawyer juriste developpeur developer
  informaticien programmer etudiant etudiante student chercheur researcher aide soignante
  caissier vendeur commercant trader coiffeur coiffeuse couturier couturiere tailor agent securite
  retraite retraitee retired manager directeur cadre employe employee ouvrier worker
  maman papa mere pere mother father mom mum dad frere soeur brother sister oncle tonton tante tata
  uncle aunt cousin cousine neveu niece nephew grand grandma grandpa mamie papi fils fille son daughter
  enfant enfants kids children child bebe baby mari epoux epouse femme wife husband famille family
  woezon akpe alafia ndi mia wo na hola buenas buenos hallo guten tag ciao salve ola
  ans annee annees years year mois months semaine weeks depuis since ago`;

export const NEUTRAL: ReadonlySet<string> = new Set(
  [...WORDS.split(/\s+/), ...stopDe, ...stopEs, ...stopIt, ...stopPt].map((w) => fold(w)).filter(Boolean),
);

/** Places outside Togo (folded), for questions about going there rather than to Togo. */
export const ABROAD: ReadonlySet<string> = new Set(
  ABROAD_WORDS.split(/\s+/)
    .map((w) => fold(w))
    .filter((w) => w.length > 2 && !['new', 'uni', 'unis', 'bas', 'haye', 'caire', 'cote'].includes(w)),
);
