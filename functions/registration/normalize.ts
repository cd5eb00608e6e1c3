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
