/** Lower case, no accents, apostrophes and dashes as spaces: how free text is compared. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’'`´\-_.,;:!?()"«»/]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Navigation words every step understands. */
export const isBack = (text: string) => /^(retour|back|precedent|previous|revenir|go back)$/.test(fold(text));
export const isCancel = (text: string) =>
  /^(annuler|annule|cancel|stop|abandonner|abandon|quitter|quit|exit)$/.test(fold(text));
export const isYes = (text: string) =>
  /^(oui|yes|y|o|ok|okay|d accord|dac|j accepte|accepte|accept|i accept|i agree|confirmer|confirme|confirm|valider|valide|c est bon|correct)$/.test(
    fold(text),
  );
export const isNo = (text: string) =>
  /^(non|no|n|nope|je refuse|refuse|i refuse|pas d accord)$/.test(fold(text));

const GREET =
  '(bonjour|bonsoir|bonne journee|salut|slt|bjr|bsr|cc|coucou|allo|hello|hi|hey|hallo|good (morning|afternoon|evening))';
const POLITE = '(svp|stp|sil vous plait|s il vous plait|s il te plait|please|pls|plz|merci|thanks|thank you)';
const MENU =
  '((le |la |les |the |ton |votre |your |au |retour au |revenir au |back to the |to the )?(menu|accueil|home|options|choix|start)|((montre|montrez|affiche|affichez|afficher|envoie|envoyez|donne|donnez|voir|revoir|show|give|send|see|open|back to)( moi| me)? (le |la |les |the )?(menu|options|choix)))';
const MENU_REQUEST = new RegExp(
  `^(${GREET} )*((${MENU})|${GREET})( ${POLITE})*$|^(${GREET} )*${POLITE} (${MENU})$`,
);

/**
 * A message that only says hello or asks for the menu, with the politeness around it ("bjr",
 * "le menu svp", "bonsoir, show me the options please"): the engine answers it with the menu
 * before any search, and the knowledge search reads it the same way (a question about what the
 * assistant offers), so the CLI and the evaluation take the decision a real message gets.
 */
export const isMenuRequest = (text: string) => text.length <= 80 && MENU_REQUEST.test(fold(text));
