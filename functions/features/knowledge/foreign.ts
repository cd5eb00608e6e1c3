/**
 * The desk's own words in the other languages the diaspora mixes in (Spanish, Italian, Portuguese,
 * German), mapped to the French word the base uses: "quiero volver a Togo" is a question about
 * returning, not about two unknown words. Only the words of the desk's subjects, and only forms
 * that are not French or English words themselves; "I want" and "I would like" carry no topic and
 * are dropped. Question side only: the entries are written in French and English.
 */
const GLOSSARY: Record<string, string> = {
  // return
  volver: 'rentrer',
  regresar: 'rentrer',
  tornare: 'rentrer',
  rientrare: 'rentrer',
  voltar: 'rentrer',
  regressar: 'rentrer',
  zuruckkehren: 'rentrer',
  zurueckkehren: 'rentrer',
  ruckkehr: 'retour',
  rueckkehr: 'retour',
  ritorno: 'retour',
  regreso: 'retour',
  // money
  enviar: 'envoyer',
  inviare: 'envoyer',
  schicken: 'envoyer',
  uberweisen: 'virement',
  ueberweisen: 'virement',
  dinero: 'argent',
  dinheiro: 'argent',
  soldi: 'argent',
  denaro: 'argent',
  geld: 'argent',
  // investment, business
  invertir: 'investir',
  investire: 'investir',
  investieren: 'investir',
  empresa: 'entreprise',
  negocio: 'entreprise',
  azienda: 'entreprise',
  impresa: 'entreprise',
  unternehmen: 'entreprise',
  firma: 'entreprise',
  grunden: 'creer',
  gruenden: 'creer',
  // consular
  pasaporte: 'passeport',
  passaporto: 'passeport',
  reisepass: 'passeport',
  embajada: 'ambassade',
  embaixada: 'ambassade',
  ambasciata: 'ambassade',
  botschaft: 'ambassade',
  consulado: 'consulat',
  consolato: 'consulat',
  konsulat: 'consulat',
  nacimiento: 'naissance',
  nascimento: 'naissance',
  nascita: 'naissance',
  geburt: 'naissance',
  tramites: 'demarches',
  // land, training, help
  terreno: 'terrain',
  grundstuck: 'terrain',
  grundstueck: 'terrain',
  comprar: 'acheter',
  comprare: 'acheter',
  kaufen: 'acheter',
  formacion: 'formation',
  formazione: 'formation',
  ausbildung: 'formation',
  ayuda: 'aide',
  aiuto: 'aide',
  ajuda: 'aide',
  hilfe: 'aide',
  // "I want", "I would like", "I need": no topic
  quiero: '',
  queria: '',
  necesito: '',
  voglio: '',
  vorrei: '',
  quero: '',
  gostaria: '',
  mochte: '',
  moechte: '',
  brauche: '',
};

/** A question's words with the desk's words of other languages in French, and "I want" dropped. */
export function fromOtherLanguages(words: string[]): string[] {
  const out: string[] = [];
  for (const w of words) {
    const mapped = Object.hasOwn(GLOSSARY, w) ? GLOSSARY[w]! : w;
    if (mapped) out.push(mapped);
  }
  return out;
}
