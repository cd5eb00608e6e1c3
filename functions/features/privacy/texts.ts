import type { Lang } from '../../core/types.js';

const TEXTS = {
  fr: {
    title: 'Voici ce que je garde à votre sujet :',
    profile: (channel: string, name: string | undefined, lang: string, first: string, last: string) =>
      `• Profil : ${channel}${name ? `, nom affiché « ${name} »` : ''}, langue ${lang}, premier message le ${first}, dernier le ${last}.`,
    noProfile: '• Aucun profil enregistré.',
    consentsTitle: '• Consentements :',
    consent: (date: string, textId: string, purposes: string, channel: string, ref?: string) =>
      `  – le ${date}, texte ${textId} (${purposes}), via ${channel}${ref ? `, pour ${ref}` : ''}`,
    noConsent: '• Aucun consentement enregistré.',
    leadsTitle: '• Demandes :',
    lead: (ref: string, what: string, status: string, date: string) =>
      `  – ${ref} : ${what}, ${status} (créée le ${date})`,
    noLeads: '• Aucune demande.',
    updates: (date?: string, topics?: string) =>
      date ? `• Actualités : abonné(e) depuis le ${date} (${topics}).` : '• Actualités : non abonné(e).',
    messages: (n: number) =>
      `• Historique de conversation : ${n} message(s), effacé(s) avec vos données sur demande.`,
    footer: 'Pour tout supprimer, écrivez « supprimer mes données ».',
    purposes: {
      contact_about_request: 'être contacté(e) au sujet de votre demande',
      processing_under_law_2019_014: 'traitement selon la loi n° 2019-014',
      officer_reads_conversation: 'lecture de la conversation par un agent',
    } as Record<string, string>,
    langs: { fr: 'français', en: 'anglais' },
    confirm:
      'Vous allez supprimer vos données : profil, conversation, consentements et coordonnées de vos demandes. Les demandes resteront uniquement comme statistiques anonymes (programme, secteur, pays, statut, dates). C’est définitif.\n\nConfirmez-vous la suppression ?',
    yes: 'Oui, tout supprimer',
    no: 'Non, garder',
    again: 'Répondez « oui » pour supprimer vos données, ou « non » pour les garder.',
    kept: 'Rien n’a été supprimé.',
    erased: (n: number) =>
      `C’est fait : vos données personnelles ont été supprimées${n ? ` et ${n} demande(s) anonymisée(s)` : ''}. Si vous m’écrivez de nouveau, je repartirai de zéro.`,
  },
  en: {
    title: 'Here is what I keep about you:',
    profile: (channel: string, name: string | undefined, lang: string, first: string, last: string) =>
      `• Profile: ${channel}${name ? `, display name "${name}"` : ''}, language ${lang}, first message on ${first}, last on ${last}.`,
    noProfile: '• No profile kept.',
    consentsTitle: '• Consents:',
    consent: (date: string, textId: string, purposes: string, channel: string, ref?: string) =>
      `  – on ${date}, text ${textId} (${purposes}), via ${channel}${ref ? `, for ${ref}` : ''}`,
    noConsent: '• No consent recorded.',
    leadsTitle: '• Requests:',
    lead: (ref: string, what: string, status: string, date: string) =>
      `  – ${ref}: ${what}, ${status} (created on ${date})`,
    noLeads: '• No request.',
    updates: (date?: string, topics?: string) =>
      date ? `• News: subscribed since ${date} (${topics}).` : '• News: not subscribed.',
    messages: (n: number) => `• Conversation history: ${n} message(s), erased with your data on request.`,
    footer: 'To delete everything, type "delete my data".',
    purposes: {
      contact_about_request: 'being contacted about your request',
      processing_under_law_2019_014: 'processing under law No. 2019-014',
      officer_reads_conversation: 'an officer reading the conversation',
    } as Record<string, string>,
    langs: { fr: 'French', en: 'English' },
    confirm:
      'You are about to delete your data: profile, conversation, consents and the contact details of your requests. Requests will remain only as anonymous statistics (programme, sector, country, status, dates). This cannot be undone.\n\nDo you confirm the deletion?',
    yes: 'Yes, delete everything',
    no: 'No, keep it',
    again: 'Answer "yes" to delete your data, or "no" to keep it.',
    kept: 'Nothing was deleted.',
    erased: (n: number) =>
      `Done: your personal data has been deleted${n ? ` and ${n} request(s) anonymised` : ''}. If you write to me again, I will start from scratch.`,
  },
} as const;

export const privacyTexts = (lang: Lang) => TEXTS[lang];
