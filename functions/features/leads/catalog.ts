import type { Lang } from '../../core/types.js';

/**
 * The programmes and sectors a lead can carry, with their labels in both languages. Ids are stable
 * (stored on leads, used by the routing table); labels are what people and officers read.
 */
export const PROGRAMMES = {
  investment: { fr: 'Investissement', en: 'Investment' },
  business_creation: { fr: 'Création d’entreprise', en: 'Business creation' },
  skills_transfer: { fr: 'Transfert de compétences ou mentorat', en: 'Skills transfer or mentoring' },
  digital_training: { fr: 'Formation aux compétences numériques', en: 'Digital skills training' },
  return_resettlement: { fr: 'Retour et réinstallation', en: 'Return and resettlement' },
} as const satisfies Record<string, Record<Lang, string>>;
export type Programme = keyof typeof PROGRAMMES;
export const PROGRAMME_IDS = Object.keys(PROGRAMMES) as Programme[];

export const SECTORS = {
  agriculture: { fr: 'Agriculture et agro-industrie', en: 'Agriculture and agro-industry' },
  digital: { fr: 'Numérique et TIC', en: 'Digital and ICT' },
  energy: { fr: 'Énergie', en: 'Energy' },
  health: { fr: 'Santé', en: 'Health' },
  education: { fr: 'Éducation', en: 'Education' },
  industry: { fr: 'Industrie et manufacture', en: 'Industry and manufacturing' },
  tourism: { fr: 'Tourisme et culture', en: 'Tourism and culture' },
  finance: { fr: 'Finance', en: 'Finance' },
  other: { fr: 'Autre', en: 'Other' },
} as const satisfies Record<string, Record<Lang, string>>;
export type Sector = keyof typeof SECTORS;
export const SECTOR_IDS = Object.keys(SECTORS) as Sector[];

export const isProgramme = (v: unknown): v is Programme =>
  typeof v === 'string' && Object.hasOwn(PROGRAMMES, v);
export const isSector = (v: unknown): v is Sector => typeof v === 'string' && Object.hasOwn(SECTORS, v);
