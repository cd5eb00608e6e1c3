import type { Lang } from '../core/types.js';

/** The bot's own words, French first. Keep them short: many users read on small phones. */
export const TEXTS = {
  fr: {
    welcome:
      'Bonjour et bienvenue ! Je suis l’assistant de la diaspora togolaise. Je réponds à vos questions, j’enregistre votre intérêt pour les programmes d’investissement et de compétences, et je vous mets en relation avec le ministère.',
    menuTitle: 'Que souhaitez-vous faire ?',
    menu: {
      ask: 'Poser une question',
      invest: 'Investir au Togo',
      skills: 'Partager mes compétences',
      updates: 'Recevoir les actualités',
      officer: 'Parler à un agent',
      help: 'Aide',
      language: 'English',
    },
    help: 'Écrivez votre question en quelques mots (par exemple « créer une entreprise » ou « passeport »), ou choisissez une option du menu. Tapez « menu » à tout moment pour revenir ici, « english » pour passer en anglais.',
    askPrompt: 'Je vous écoute : écrivez votre question en quelques mots.',
    notYetAvailable:
      'Cette fonction arrive bientôt : elle n’est pas encore disponible. Voici ce que je peux faire pour l’instant :',
    notUnderstood: 'Je n’ai pas bien compris. Voici ce que je peux faire :',
    mediaOnly:
      'Merci ! Pour l’instant je ne comprends que les messages texte. Pouvez-vous écrire votre demande en quelques mots ?',
    unsupported: 'Je ne peux pas traiter ce type de message. Écrivez-moi un texte, ou tapez « menu ».',
    langSet: 'C’est noté : je vous réponds désormais en français.',
    retryLater:
      'Un instant, s’il vous plaît : le service est momentanément ralenti. Votre message est bien reçu et je vous réponds dès que possible.',
    numberHint: 'Répondez avec le numéro de votre choix.',
    sorry: 'Désolé, je n’ai pas pu traiter ce message. Voici ce que je peux faire :',
    more: 'Lire la suite',
  },
  en: {
    welcome:
      'Hello and welcome! I am the Togolese diaspora assistant. I answer your questions, register your interest in investment and skills programmes, and put you in touch with the ministry.',
    menuTitle: 'What would you like to do?',
    menu: {
      ask: 'Ask a question',
      invest: 'Invest in Togo',
      skills: 'Share my skills',
      updates: 'Receive updates',
      officer: 'Talk to an officer',
      help: 'Help',
      language: 'Français',
    },
    help: 'Write your question in a few words (for instance "start a business" or "passport"), or pick a menu option. Type "menu" at any time to come back here, "français" to switch to French.',
    askPrompt: 'I am listening: write your question in a few words.',
    notYetAvailable: 'This feature is coming soon: it is not available yet. Here is what I can do for now:',
    notUnderstood: 'Sorry, I did not understand. Here is what I can do:',
    mediaOnly:
      'Thank you! For now I only understand text messages. Could you write your request in a few words?',
    unsupported: 'I cannot handle this kind of message. Please send me text, or type "menu".',
    langSet: 'Noted: I will answer you in English from now on.',
    retryLater:
      'One moment, please: the service is briefly slowed down. Your message is safely received and I will answer as soon as possible.',
    numberHint: 'Reply with the number of your choice.',
    sorry: 'Sorry, I could not handle this message. Here is what I can do:',
    more: 'Read more',
  },
} as const;

export type Texts = (typeof TEXTS)[Lang];
export const textsFor = (lang: Lang): Texts => TEXTS[lang];
