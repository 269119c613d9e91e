import { defineTopic } from '../define.js';

/** Topic 6 — filing a complaint (porter plainte). rights-facts.md PART 1 § 6. */
export const filingAComplaint = defineTopic({
  id: 'filing-a-complaint',
  title: { fr: 'Porter plainte', en: 'Filing a complaint' },
  summary: {
    fr: 'La police et la gendarmerie doivent prendre votre plainte et vous remettre un récépissé. Plainte en ligne, par vidéo, ou par courrier au procureur.',
    en: 'The police and gendarmerie must take your complaint and give you a receipt. Online, by video, or by letter to the prosecutor.',
  },
  appliesTo: ['police-nationale', 'gendarmerie'],
  legalNotice: false,
  sections: [
    {
      id: 'at-the-station',
      title: { fr: 'Au commissariat ou à la gendarmerie', en: 'At a police or gendarmerie station' },
      items: [
        {
          id: 'must-receive',
          text: {
            fr: 'Les officiers et agents de police judiciaire doivent recevoir la plainte de toute victime, même si le service n’est pas compétent pour le lieu des faits. Une main courante n’est pas une plainte.',
            en: 'Judicial police officers and agents must take the complaint of any victim, even if their unit is not competent for the place where it happened. A “main courante” (logbook entry) is not a complaint.',
          },
          easyRead: {
            fr: 'La police et la gendarmerie doivent prendre votre plainte. Elles n’ont pas le droit de refuser.',
            en: 'The police and the gendarmerie must take your complaint. They are not allowed to refuse.',
          },
          sources: ['cpp-15-3'],
          status: 'in-force',
          confidence: 'verified',
        },
        {
          id: 'receipt',
          text: {
            fr: 'La plainte est écrite dans un procès-verbal. Vous recevez immédiatement un récépissé qui indique les délais de prescription ; une copie du procès-verbal vous est remise si vous la demandez.',
            en: 'The complaint is written down in a record (procès-verbal). You immediately receive a receipt stating the limitation periods; you get a copy of the record if you ask.',
          },
          easyRead: {
            fr: 'Après votre plainte, on vous donne un papier. Ce papier prouve que vous avez porté plainte. Gardez-le.',
            en: 'After your complaint, you get a paper. This paper proves you filed a complaint. Keep it.',
          },
          sources: ['cpp-15-3'],
          status: 'in-force',
          confidence: 'verified',
        },
        {
          id: 'free-letter',
          text: {
            fr: 'Porter plainte est gratuit. Vous pouvez aussi écrire directement au procureur de la République.',
            en: 'Filing a complaint is free. You may also write directly to the public prosecutor.',
          },
          easyRead: {
            fr: 'Porter plainte est gratuit. Vous pouvez aussi envoyer une lettre au procureur.',
            en: 'Filing a complaint is free. You can also send a letter to the prosecutor.',
          },
          sources: ['cpp-40'],
          status: 'in-force',
          confidence: 'verified',
        },
      ],
    },
    {
      id: 'remote',
      title: { fr: 'En ligne et à distance', en: 'Online and remotely' },
      items: [
        {
          id: 'online',
          text: {
            fr: 'Depuis le 15 octobre 2024, la plainte en ligne est ouverte dans toute la France pour les atteintes aux biens dont l’auteur est inconnu, aux personnes majeures, avec FranceConnect. Elle remplace la pré-plainte en ligne.',
            en: 'Since 15 October 2024, online complaints are open across France for property offences by an unknown offender, for adults, through FranceConnect. They replace the online pre-complaint.',
          },
          easyRead: {
            fr: 'On vous a volé quelque chose et vous ne savez pas qui ? Vous pouvez porter plainte sur internet.',
            en: 'Was something stolen and you do not know who did it? You can file a complaint online.',
          },
          sources: ['plainte-en-ligne', 'cpp-15-3-1'],
          status: 'in-force',
          confidence: 'verified',
        },
        {
          id: 'video',
          text: {
            fr: 'Une plainte par vidéo est possible, mais elle ne peut jamais vous être imposée.',
            en: 'A complaint by video call is possible, but it can never be imposed on you.',
          },
          sources: ['cpp-15-3-1-1'],
          status: 'in-force',
          confidence: 'verified',
        },
        {
          id: 'platforms',
          text: {
            fr: 'Des services en ligne spécialisés sont accessibles depuis Ma Sécurité : THESEE (escroqueries sur internet), Perceval (fraude à la carte bancaire), Pharos (contenus illicites), 17Cyber.',
            en: 'Specialised online services are available from Ma Sécurité: THESEE (online scams), Perceval (bank-card fraud), Pharos (illegal content), 17Cyber.',
          },
          sources: ['masecurite'],
          status: 'in-force',
          confidence: 'verified',
        },
      ],
    },
    {
      id: 'after',
      title: { fr: 'Et après ?', en: 'What next?' },
      items: [
        {
          id: 'civil-party',
          text: {
            fr: 'Si votre plainte est classée sans suite, ou sans réponse après 3 mois, vous pouvez déposer une plainte avec constitution de partie civile auprès du juge d’instruction.',
            en: 'If your complaint is dropped, or unanswered after 3 months, you may file a complaint as a civil party (plainte avec constitution de partie civile) with an investigating judge.',
          },
          sources: ['cpp-85'],
          status: 'in-force',
          confidence: 'verified',
        },
      ],
    },
  ],
});
