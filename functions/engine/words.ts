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
