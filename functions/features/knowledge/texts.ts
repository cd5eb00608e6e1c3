import type { Lang } from '../../core/types.js';

/** The knowledge capability's own words, French first. */
export const KB_TEXTS = {
  fr: {
    source: 'Source',
    nextSteps:
      'Et ensuite : choisissez un sujet lié ou « Parler à un agent » ci-dessous, ou posez une autre question.',
    notConfident:
      'Je ne sais pas répondre à cette question : elle ne figure pas dans les informations vérifiées dont je dispose, et je préfère ne rien inventer. Je peux vous mettre en relation avec un agent du ministère, ou vous pouvez reformuler votre question en quelques mots.',
    didYouMean: 'Ces sujets sont peut-être proches de votre question :',
    clarify: 'Vous parlez de :',
    clarifyOther: 'ou d’autre chose ? Choisissez un sujet, ou reformulez votre question en quelques mots.',
    other: 'Autre chose',
    detailUnknown:
      'Je n’ai pas ce détail précis (montant, taux, date, horaire, nom ou numéro) dans les informations vérifiées dont je dispose, et je préfère ne rien inventer. Le service concerné peut vous le donner ; je peux aussi vous mettre en relation avec un agent du ministère.',
    refused:
      'Je ne peux pas aider pour cette demande : je ne fabrique ni ne modifie aucun document, je ne contourne aucune démarche, je ne communique pas les informations d’autres personnes, je ne promets ni financement ni approbation, et je ne donne pas d’opinion politique. Pour une démarche officielle, je peux vous mettre en relation avec un agent du ministère.',
    rephrase:
      'Je n’ai pas trouvé de question dans votre message. Écrivez-la en quelques mots, par exemple « créer une entreprise », « passeport » ou « envoyer de l’argent », ou tapez « menu ».',
    more: 'Lire la suite',
    officer: 'Parler à un agent',
    helpfulYes: '👍 Utile',
    helpfulNo: '👎 Pas utile',
    menu: 'Menu',
    moreGone: 'La suite de cette réponse n’est plus disponible. Posez à nouveau votre question.',
    topicGone: 'Ce sujet n’est plus disponible. Posez votre question en quelques mots.',
    thanksUp: 'Merci pour votre retour !',
    thanksDown:
      'Merci pour votre retour. Je transmets pour améliorer mes réponses. Souhaitez-vous parler à un agent ?',
  },
  en: {
    source: 'Source',
    nextSteps: 'Next: pick a related topic or "Talk to an officer" below, or ask another question.',
    notConfident:
      'I don’t know the answer to this question: it is not in the verified information I have, and I would rather not make anything up. I can put you in touch with an officer of the ministry, or you can rephrase your question in a few words.',
    didYouMean: 'These topics may be close to your question:',
    clarify: 'Are you asking about:',
    clarifyOther: 'or something else? Pick a topic, or rephrase your question in a few words.',
    other: 'Something else',
    detailUnknown:
      'I don’t have this exact detail (amount, rate, date, opening hours, name or number) in the verified information I have, and I would rather not make anything up. The office concerned can give it to you; I can also put you in touch with an officer of the ministry.',
    refused:
      'I can’t help with this request: I don’t make or alter any document, bypass any procedure, share other people’s information, promise funding or approval, or give political opinions. For an official procedure, I can put you in touch with an officer of the ministry.',
    rephrase:
      'I could not find a question in your message. Write it in a few words, for instance "start a business", "passport" or "send money", or type "menu".',
    more: 'Read more',
    officer: 'Talk to an officer',
    helpfulYes: '👍 Helpful',
    helpfulNo: '👎 Not helpful',
    menu: 'Menu',
    moreGone: 'The rest of this answer is no longer available. Please ask your question again.',
    topicGone: 'This topic is no longer available. Please ask your question in a few words.',
    thanksUp: 'Thank you for your feedback!',
    thanksDown:
      'Thank you for your feedback. I pass it on to improve my answers. Would you like to talk to an officer?',
  },
} as const;

export const kbTexts = (lang: Lang) => KB_TEXTS[lang];
