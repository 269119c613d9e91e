import { defineTopic } from '../define.js';

/** Topic 7 — recourse if mistreated: IGPN, IGGN, Défenseur des droits, procureur. rights-facts.md PART 1 § 7. */
export const recourse = defineTopic({
  id: 'recourse',
  title: {
    fr: 'Recours en cas de problème avec les forces de l’ordre',
    en: 'Recourse if you were mistreated',
  },
  summary: {
    fr: 'Ce que sont l’IGPN, l’IGGN, le Défenseur des droits et le procureur, et ce qu’ils ne sont pas.',
    en: 'What the IGPN, the IGGN, the Défenseur des droits and the prosecutor are, and what they are not.',
  },
  appliesTo: ['police-nationale', 'gendarmerie', 'police-municipale'],
  legalNotice: false,
  sections: [
    {
      id: 'igpn-iggn',
      title: { fr: 'IGPN et IGGN', en: 'IGPN and IGGN' },
      items: [
        {
          id: 'igpn',
          text: {
            fr: 'L’IGPN (Inspection générale de la police nationale) reçoit en ligne les signalements des victimes et des témoins, depuis le 2 septembre 2013. Elle ne concerne que la police nationale. Le signalement n’est pas anonyme. Ce n’est ni un service d’urgence, ni une plainte. Une dénonciation mensongère est punie.',
            en: 'The IGPN (police inspectorate) takes online reports from victims and witnesses, since 2 September 2013. It covers the police nationale only. A report is not anonymous. It is neither an emergency service nor a complaint. A false report is punishable.',
          },
          easyRead: {
            fr: 'L’IGPN contrôle la police nationale. Vous pouvez lui signaler un problème sur internet. Ce n’est pas une plainte.',
            en: 'The IGPN checks the police nationale. You can report a problem to it online. This is not a complaint.',
          },
          sources: ['igpn-signalement', 'cp-226-10'],
          status: 'in-force',
          confidence: 'verified',
        },
        {
          id: 'iggn',
          text: {
            fr: 'L’IGGN (Inspection générale de la gendarmerie nationale) a sa propre plateforme de signalement, avec les mêmes règles. Elle ne concerne que la gendarmerie.',
            en: 'The IGGN (gendarmerie inspectorate) has its own reporting platform, with the same rules. It covers the gendarmerie only.',
          },
          easyRead: {
            fr: 'L’IGGN contrôle la gendarmerie. Vous pouvez lui signaler un problème sur internet.',
            en: 'The IGGN checks the gendarmerie. You can report a problem to it online.',
          },
          sources: ['iggn-signalement'],
          status: 'in-force',
          confidence: 'verified',
        },
        {
          id: 'iggn-2023',
          text: {
            fr: 'En 2023, l’IGGN a reçu 5 132 signalements extérieurs ; 11,1 % ont révélé un manquement.',
            en: 'In 2023 the IGGN received 5,132 reports from the public; 11.1% revealed a breach.',
          },
          sources: ['iggn-rapport-2023'],
          status: 'in-force',
          confidence: 'verified',
        },
      ],
    },
    {
      id: 'defenseur',
      title: { fr: 'Le Défenseur des droits', en: 'The Défenseur des droits' },
      items: [
        {
          id: 'scope',
          text: {
            fr: 'Le Défenseur des droits est une autorité indépendante inscrite dans la Constitution. Il veille à la déontologie de toutes les personnes qui exercent une activité de sécurité : police nationale, gendarmerie, police municipale, sécurité privée… Les victimes, leurs ayants droit et les témoins peuvent le saisir.',
            en: 'The Défenseur des droits is an independent authority set up by the Constitution. It oversees the ethics of everyone working in security: police nationale, gendarmerie, municipal police, private security… Victims, their heirs and witnesses may refer a case to it.',
          },
          easyRead: {
            fr: 'Le Défenseur des droits peut vous aider avec toutes les polices : police nationale, gendarmerie, police municipale et agents de sécurité privée.',
            en: 'The Défenseur des droits can help you with every police force: police nationale, gendarmerie, municipal police and private security guards.',
          },
          sources: ['constitution', 'lo-2011-333', 'ddd', 'sp-f2546'],
          status: 'in-force',
          confidence: 'verified',
        },
        {
          id: 'how',
          text: {
            fr: 'C’est gratuit : formulaire en ligne, courrier sans timbre à « Défenseur des droits, Libre réponse 71120, 75342 Paris Cedex 07 », ou l’un des plus de 570 délégués (870 lieux d’accueil).',
            en: 'It is free: online form, a letter with no stamp to « Défenseur des droits, Libre réponse 71120, 75342 Paris Cedex 07 », or one of its more than 570 local delegates (870 places).',
          },
          easyRead: {
            fr: 'C’est gratuit. Vous pouvez écrire sur internet ou par la poste. Vous pouvez aussi rencontrer un délégué près de chez vous.',
            en: 'It is free. You can write online or by post. You can also meet a delegate near you.',
          },
          sources: ['ddd', 'sp-f2546'],
          status: 'in-force',
          confidence: 'verified',
        },
        {
          id: 'limits',
          text: {
            fr: 'Le Défenseur des droits n’est pas un service d’urgence. Le saisir ne suspend pas les délais pour agir en justice : si vous voulez porter plainte, faites-le aussi.',
            en: 'The Défenseur des droits is not an emergency service. Contacting it does not stop the time limits for going to court: if you want to file a complaint, do that too.',
          },
          easyRead: {
            fr: 'Le Défenseur des droits n’est pas un service d’urgence. En cas d’urgence, appelez le 17 ou le 112.',
            en: 'The Défenseur des droits is not an emergency service. In an emergency, call 17 or 112.',
          },
          sources: ['ddd', 'sp-f2546'],
          status: 'in-force',
          confidence: 'verified',
        },
      ],
    },
    {
      id: 'justice',
      title: { fr: 'La justice', en: 'The courts' },
      items: [
        {
          id: 'procureur',
          text: {
            fr: 'Vous pouvez porter plainte, y compris par courrier au procureur de la République. Des violences commises par une personne dépositaire de l’autorité publique sont une circonstance aggravante.',
            en: 'You can file a criminal complaint, including by letter to the public prosecutor. Violence by a person holding public authority is an aggravated offence.',
          },
          easyRead: {
            fr: 'Vous pouvez porter plainte contre un agent. Vous pouvez écrire au procureur.',
            en: 'You can file a complaint against an officer. You can write to the prosecutor.',
          },
          sources: ['cpp-40', 'cp-222-13'],
          status: 'in-force',
          confidence: 'verified',
        },
      ],
    },
    {
      id: 'municipal',
      title: { fr: 'Police municipale', en: 'Municipal police' },
      items: [
        {
          id: 'mayor',
          text: {
            fr: 'La police municipale agit sous l’autorité du maire. Ses agents sont agréés par le préfet et le procureur, qui peuvent suspendre cet agrément : vous pouvez écrire au maire et au procureur.',
            en: 'Municipal police act under the mayor’s authority. Their officers are approved by the prefect and the prosecutor, who may suspend that approval: you can write to the mayor and to the prosecutor.',
          },
          sources: ['csi-l511-2'],
          status: 'in-force',
          confidence: 'verified',
        },
        {
          id: 'inspection',
          text: {
            fr: 'Les services de police municipale peuvent faire l’objet d’une inspection par l’État.',
            en: 'Municipal police services may be inspected by the State.',
          },
          sources: ['csi-l513-1'],
          status: 'in-force',
          confidence: 'verify',
          reviewNote: 'State inspection of municipal police services: check CSI L. 513-1.',
        },
      ],
    },
  ],
});
