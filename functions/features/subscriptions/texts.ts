import type { Lang } from '../../core/types.js';

/** The subscription conversation's own words, French first. */
export const SUBSCRIPTION_TEXTS = {
  fr: {
    choose:
      'Choisissez les sujets dont vous voulez recevoir les actualités. Touchez un sujet pour l’ajouter ou le retirer.',
    chooseToLeave: 'Touchez un sujet pour vous désabonner, ou « Tout arrêter ».',
    subscribed: (topic: string) => `C’est noté : vous êtes abonné(e) à « ${topic} ».`,
    unsubscribed: (topic: string) => `C’est noté : vous n’êtes plus abonné(e) à « ${topic} ».`,
    firstConsent: 'Vous pouvez envoyer STOP à tout moment pour ne plus rien recevoir.',
    current: 'Vos abonnements :',
    none: 'Vous n’êtes abonné(e) à aucun sujet pour le moment.',
    stopped:
      'C’est noté : tous vos abonnements sont arrêtés, vous ne recevrez plus d’actualités. Pour vous réabonner, écrivez « abonner ».',
    stoppedNone: 'Vous n’étiez abonné(e) à aucun sujet : vous ne recevrez pas d’actualités.',
    unknownTopic: 'Ce sujet n’existe plus. Voici les sujets disponibles :',
    stopAll: 'Tout arrêter',
    manage: 'Gérer mes abonnements',
    mine: 'Mes abonnements',
    menu: 'Menu',
  },
  en: {
    choose: 'Choose the topics you want to receive news about. Tap a topic to add or remove it.',
    chooseToLeave: 'Tap a topic to unsubscribe from it, or “Stop everything”.',
    subscribed: (topic: string) => `Done: you are subscribed to “${topic}”.`,
    unsubscribed: (topic: string) => `Done: you are no longer subscribed to “${topic}”.`,
    firstConsent: 'You can send STOP at any time to stop receiving anything.',
    current: 'Your subscriptions:',
    none: 'You are not subscribed to any topic yet.',
    stopped:
      'Done: all your subscriptions have ended and you will not receive any more news. To subscribe again, write “subscribe”.',
    stoppedNone: 'You were not subscribed to any topic: you will not receive any news.',
    unknownTopic: 'This topic no longer exists. Here are the available topics:',
    stopAll: 'Stop everything',
    manage: 'Manage my subscriptions',
    mine: 'My subscriptions',
    menu: 'Menu',
  },
} as const;

export const subscriptionTexts = (lang: Lang) => SUBSCRIPTION_TEXTS[lang];
