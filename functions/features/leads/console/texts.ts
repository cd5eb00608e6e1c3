import type { Lang } from '../../../core/types.js';

/**
 * The lead pages' own words, beyond the shell's shared texts (console/i18n.ts): audit sentences,
 * error notices, the inbox. Every string an officer reads; never a stored code.
 */
const fr = {
  waitingSince: (d: string) => `citoyen en attente depuis ${d}`,
  waitingCount: (n: number) => `${n} citoyen${n > 1 ? 's' : ''} en attente`,
  waitingOnly: 'Seulement les citoyens en attente',
  sort: 'Trier par',
  sortCreated: 'Date de création (récents d’abord)',
  sortCitizen: 'Dernier message du citoyen (récents d’abord)',
  lastCitizenMessage: 'Dernier message du citoyen',
  formInvalid: 'Le formulaire est incomplet ou invalide. Revenez en arrière et vérifiez les champs.',
  filterInvalid: (fields: string) => `Filtre invalide (${fields}). Corrigez-le ou effacez les filtres.`,
  notDeskOfficer: 'Cet agent n’est pas un agent actif de ce bureau.',
  conflict: 'Ce dossier a changé entre-temps (un autre agent l’a modifié). Voici sa version à jour.',
  alreadyTaken: 'Ce dossier est déjà pris en charge.',
  fieldNames: {
    desk: 'bureau',
    status: 'statut',
    programme: 'programme',
    sector: 'secteur',
    country: 'pays',
    assignee: 'agent',
    from: 'date de début',
    to: 'date de fin',
    search: 'recherche',
    sort: 'tri',
  } as Record<string, string>,
  audit: {
    desk: (desk: string) => `Bureau : ${desk}`,
    to: (who: string) => `à ${who}`,
    fromTo: (from: string, to: string) => `de ${from} à ${to}`,
    status: (from: string, to: string) => `${from} → ${to}`,
    outcome: (o: string) => `résultat : ${o}`,
    claimSla: 'non pris en charge dans le délai du bureau',
    contactSla: 'premier contact non fait dans le délai du bureau',
    via: (channel: string) => `par ${channel}`,
    template: 'modèle approuvé',
    reason: (r: string) => `motif : ${r}`,
    role: (r: string) => `rôle : ${r}`,
    nobody: 'personne',
  },
};

export type LeadConsoleTexts = typeof fr;

const en: LeadConsoleTexts = {
  waitingSince: (d: string) => `citizen waiting for ${d}`,
  waitingCount: (n: number) => `${n} citizen${n > 1 ? 's' : ''} waiting`,
  waitingOnly: 'Only citizens waiting',
  sort: 'Sort by',
  sortCreated: 'Creation date (newest first)',
  sortCitizen: 'Citizen’s last message (newest first)',
  lastCitizenMessage: 'Citizen’s last message',
  formInvalid: 'The form is incomplete or invalid. Go back and check the fields.',
  filterInvalid: (fields: string) => `Invalid filter (${fields}). Correct it or clear the filters.`,
  notDeskOfficer: 'This officer is not an active officer of this desk.',
  conflict: 'This lead changed meanwhile (another officer updated it). Here is its current version.',
  alreadyTaken: 'This lead has already been claimed.',
  fieldNames: {
    desk: 'desk',
    status: 'status',
    programme: 'programme',
    sector: 'sector',
    country: 'country',
    assignee: 'officer',
    from: 'start date',
    to: 'end date',
    search: 'search',
    sort: 'sort',
  },
  audit: {
    desk: (desk: string) => `Desk: ${desk}`,
    to: (who: string) => `to ${who}`,
    fromTo: (from: string, to: string) => `from ${from} to ${to}`,
    status: (from: string, to: string) => `${from} → ${to}`,
    outcome: (o: string) => `outcome: ${o}`,
    claimSla: 'not claimed within the desk’s time limit',
    contactSla: 'no first contact within the desk’s time limit',
    via: (channel: string) => `via ${channel}`,
    template: 'approved template',
    reason: (r: string) => `reason: ${r}`,
    role: (r: string) => `role: ${r}`,
    nobody: 'nobody',
  },
};

export const leadConsoleTexts = (lang: Lang): LeadConsoleTexts => (lang === 'en' ? en : fr);
