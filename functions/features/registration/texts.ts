import type { Lang } from '../../core/types.js';

/** Versioned consent text: a change of wording is a new id, so each receipt says what was agreed to. */
export const CONSENT_TEXT_ID = 'lead-consent-2026-11-v1';
export const CONSENT_PURPOSES = ['contact_about_request', 'processing_under_law_2019_014'];
export const HANDOFF_CONSENT_TEXT_ID = 'handoff-consent-2026-11-v1';
export const HANDOFF_CONSENT_PURPOSES = ['officer_reads_conversation', 'processing_under_law_2019_014'];

const TEXTS = {
  fr: {
    intro:
      'Enregistrons votre intérêt. Je vous pose quelques questions, une à la fois. Tapez « retour » pour revenir à la question précédente, « annuler » pour tout arrêter.',
    resume: 'Bon retour ! Reprenons votre inscription là où vous en étiez.',
    step: (n: number, total: number) => `(${n}/${total})`,
    programme: 'Quel programme vous intéresse ?',
    sector: 'Dans quel secteur ?',
    country: 'Dans quel pays résidez-vous ? Choisissez ou écrivez le nom du pays (par exemple « France »).',
    city: 'Dans quelle ville ?',
    fullName: 'Votre nom complet (prénom et nom) ?',
    profession: 'Votre profession ou vos compétences, en quelques mots ?',
    amount:
      'Quel montant indicatif envisagez-vous d’investir ? Choisissez une fourchette ou écrivez-la (par exemple « 10 000 - 50 000 € »).',
    contact: 'Comment préférez-vous être contacté(e) ?',
    email: 'Votre adresse e-mail ?',
    phone:
      'Votre numéro de téléphone, avec l’indicatif du pays (il commence par + suivi de l’indicatif, par exemple +33 ou +1) ?',
    consent:
      'Protection de vos données (loi n° 2019-014 du Togo) : pour traiter votre demande, le ministère conserve votre nom, votre pays et votre ville, votre profession, le programme et le secteur choisis, le montant indicatif éventuel et votre moyen de contact. Ils servent uniquement à vous recontacter au sujet de cette demande et à des statistiques anonymes. Vous pouvez les consulter (« mes données ») ou les supprimer (« supprimer mes données ») à tout moment.\n\nAcceptez-vous d’être contacté(e) et le traitement de ces données ?',
    summaryTitle: 'Voici votre demande :',
    confirm: 'Tout est correct ?',
    labels: {
      programme: 'Programme',
      sector: 'Secteur',
      country: 'Pays',
      city: 'Ville',
      fullName: 'Nom',
      profession: 'Profession / compétences',
      amount: 'Montant indicatif',
      contact: 'Contact',
    },
    contactOptions: { chat: 'Ici, dans cette conversation', email: 'Par e-mail', phone: 'Par téléphone' },
    amountOptions: [
      'Moins de 10 000 €',
      '10 000 – 50 000 €',
      '50 000 – 200 000 €',
      '200 000 – 1 000 000 €',
      'Plus de 1 000 000 €',
    ],
    yes: 'Oui, j’accepte',
    no: 'Non',
    confirmYes: 'Oui, envoyer',
    back: '← Retour',
    cancel: 'Annuler',
    errors: {
      programme:
        'Je n’ai pas reconnu ce programme. Choisissez l’une des options ci-dessous (ou tapez son numéro).',
      sector: 'Je n’ai pas reconnu ce secteur. Choisissez l’une des options ci-dessous (ou « Autre »).',
      country:
        'Je ne reconnais pas ce pays. Écrivez le nom du pays en toutes lettres (par exemple « Allemagne » ou « États-Unis »).',
      city: 'Ce nom de ville ne semble pas valide. Écrivez seulement le nom de la ville (lettres uniquement).',
      fullName:
        'Merci d’indiquer votre prénom et votre nom (lettres uniquement, par exemple « Ama Kouassi »).',
      profession: 'Décrivez votre profession ou vos compétences en quelques mots (200 caractères au plus).',
      amount:
        'Ce n’est pas une fourchette de montant. Choisissez une option ou écrivez deux montants, par exemple « 10 000 - 50 000 € », ou « plus de 1 000 000 € ».',
      contact: 'Choisissez comment être contacté(e) : ici, par e-mail ou par téléphone.',
      email:
        'Cette adresse e-mail ne semble pas valide (exemple de forme : prenom.nom@domaine.org). Pouvez-vous la réécrire ?',
      phone:
        'Ce numéro ne semble pas valide. Écrivez-le au format international : + puis l’indicatif du pays et le numéro, sans le 0 initial.',
      consent: 'Répondez « oui » pour accepter ou « non » pour refuser.',
      confirm: 'Répondez « oui » pour envoyer votre demande, « retour » pour corriger, ou « annuler ».',
      otherAction:
        'Vous êtes en train d’enregistrer votre intérêt. Répondez à la question, ou tapez « annuler » pour arrêter.',
    },
    cancelled: 'Inscription annulée : je n’ai rien conservé de vos réponses.',
    consentRefused:
      'C’est noté. Sans votre accord, je ne peux pas transmettre votre demande au ministère : je n’ai rien conservé de vos réponses.',
    done: (ref: string, desk: string, how: string) =>
      `Merci ! Votre demande est enregistrée sous la référence ${ref}. Le bureau « ${desk} » vous contactera ${how}.\nPour suivre votre demande, écrivez à tout moment « statut ${ref} ».`,
    how: { chat: 'ici, dans cette conversation', email: 'par e-mail', phone: 'par téléphone' },
  },
  en: {
    intro:
      'Let’s register your interest. I will ask a few questions, one at a time. Type "back" to return to the previous question, "cancel" to stop.',
    resume: 'Welcome back! Let’s continue your registration where you left off.',
    step: (n: number, total: number) => `(${n}/${total})`,
    programme: 'Which programme interests you?',
    sector: 'In which sector?',
    country: 'Which country do you live in? Choose or type the country’s name (for instance "France").',
    city: 'Which city?',
    fullName: 'Your full name (first and last name)?',
    profession: 'Your profession or skills, in a few words?',
    amount:
      'What amount are you considering investing, roughly? Choose a range or type one (for instance "10,000 - 50,000 €").',
    contact: 'How would you like to be contacted?',
    email: 'Your email address?',
    phone:
      'Your phone number, with the country code (it starts with + and the country code, for instance +33 or +1)?',
    consent:
      'Your data (Togo’s law No. 2019-014): to handle your request, the ministry keeps your name, country and city, profession, the programme and sector chosen, the indicative amount if any, and how to contact you. They are used only to contact you about this request and for anonymous statistics. You can see them ("my data") or delete them ("delete my data") at any time.\n\nDo you agree to be contacted and to the processing of this data?',
    summaryTitle: 'Here is your request:',
    confirm: 'Is everything correct?',
    labels: {
      programme: 'Programme',
      sector: 'Sector',
      country: 'Country',
      city: 'City',
      fullName: 'Name',
      profession: 'Profession / skills',
      amount: 'Indicative amount',
      contact: 'Contact',
    },
    contactOptions: { chat: 'Here, in this chat', email: 'By email', phone: 'By phone' },
    amountOptions: [
      'Less than 10,000 €',
      '10,000 – 50,000 €',
      '50,000 – 200,000 €',
      '200,000 – 1,000,000 €',
      'More than 1,000,000 €',
    ],
    yes: 'Yes, I agree',
    no: 'No',
    confirmYes: 'Yes, send it',
    back: '← Back',
    cancel: 'Cancel',
    errors: {
      programme: 'I did not recognise this programme. Choose one of the options below (or type its number).',
      sector: 'I did not recognise this sector. Choose one of the options below (or "Other").',
      country:
        'I do not recognise this country. Type the country’s full name (for instance "Germany" or "United States").',
      city: 'This city name does not look valid. Type just the name of the city (letters only).',
      fullName: 'Please give your first and last name (letters only, for instance "Ama Kouassi").',
      profession: 'Describe your profession or skills in a few words (200 characters at most).',
      amount:
        'This is not an amount range. Choose an option or type two amounts, for instance "10,000 - 50,000 €", or "more than 1,000,000 €".',
      contact: 'Choose how to be contacted: here, by email or by phone.',
      email:
        'This email address does not look valid (it should look like first.last@domain.org). Could you type it again?',
      phone:
        'This number does not look valid. Type it in international format: + then the country code and the number, without the leading 0.',
      consent: 'Answer "yes" to agree or "no" to refuse.',
      confirm: 'Answer "yes" to send your request, "back" to correct it, or "cancel".',
      otherAction: 'You are registering your interest. Answer the question, or type "cancel" to stop.',
    },
    cancelled: 'Registration cancelled: I kept none of your answers.',
    consentRefused:
      'Understood. Without your agreement I cannot pass your request to the ministry: I kept none of your answers.',
    done: (ref: string, desk: string, how: string) =>
      `Thank you! Your request is registered under reference ${ref}. The "${desk}" desk will contact you ${how}.\nTo follow your request, type "status ${ref}" at any time.`,
    how: { chat: 'here, in this chat', email: 'by email', phone: 'by phone' },
  },
} as const;

export const registrationTexts = (lang: Lang) => TEXTS[lang];
