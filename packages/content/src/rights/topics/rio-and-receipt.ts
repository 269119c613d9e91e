import { defineTopic } from '../define.js';

/** Topic 2 — the RIO number and the receipt (récépissé). rights-facts.md PART 1 § 2. */
export const rioAndReceipt = defineTopic({
  id: 'rio-and-receipt',
  title: { fr: 'Numéro RIO et récépissé de contrôle', en: 'RIO number and check receipt' },
  summary: {
    fr: 'Le récépissé de contrôle n’existe pas en droit : il est en débat. Ce qui existe : le numéro RIO affiché par les agents, les caméras-piétons et les recours.',
    en: 'The check receipt does not exist in law: it is being debated. What exists: the RIO number worn by officers, body cameras and ways to complain.',
  },
  appliesTo: ['police-nationale', 'gendarmerie', 'police-municipale'],
  legalNotice: false,
  sections: [
    {
      id: 'receipt',
      title: { fr: 'Le récépissé : en débat, pas en vigueur', en: 'The receipt: debated, not in force' },
      items: [
        {
          id: 'no-receipt',
          text: {
            fr: 'Aucun texte ne prévoit de récépissé de contrôle d’identité : après un contrôle, les agents n’ont pas à vous remettre de document. Le récépissé est en débat, il n’est pas en vigueur. Les contrôles sans suite ne sont pas enregistrés de façon systématique.',
            en: 'No law provides for an identity-check receipt: after a check, officers do not have to give you any document. The receipt is being debated; it is not in force. Checks with no follow-up are not systematically recorded.',
          },
          easyRead: {
            fr: 'Après un contrôle, la police ne vous donne pas de papier. Ce papier s’appelle un récépissé. Il n’existe pas dans la loi. On discute encore de cette idée.',
            en: 'After a check, the police do not give you a paper. This paper is called a receipt. It does not exist in the law. People are still discussing this idea.',
          },
          sources: ['cedh-seydi-2025', 'ce-2023-454836'],
          status: 'debated',
          confidence: 'verified',
        },
        {
          id: 'group-action',
          text: {
            fr: 'Le Conseil d’État a jugé en 2023 que les contrôles discriminatoires ne sont pas des cas isolés, mais que les mesures demandées par les associations, dont le récépissé, dépassent les pouvoirs du juge.',
            en: 'In 2023 the Conseil d’État ruled that discriminatory checks are not isolated cases, but that the measures the associations asked for, including receipts, go beyond the judge’s powers.',
          },
          sources: ['ce-2023-454836'],
          status: 'in-force',
          confidence: 'verified',
        },
        {
          id: 'bodycam-experiment',
          text: {
            fr: 'En 2017-2018, l’enregistrement systématique des contrôles d’identité par caméras-piétons a été expérimenté dans 23 zones. L’expérimentation a pris fin le 1er mars 2018 et n’a pas été généralisée.',
            en: 'In 2017–2018, systematic body-camera recording of identity checks was tried in 23 areas. The experiment ended on 1 March 2018 and was not extended.',
          },
          sources: ['loi-2017-86', 'csi-l241-1', 'maire-info-2017'],
          status: 'repealed',
          confidence: 'verified',
        },
        {
          id: 'state-liability',
          text: {
            fr: 'Un contrôle discriminatoire est une faute lourde qui engage la responsabilité de l’État. Devant le juge, la charge de la preuve est aménagée en faveur de la personne contrôlée.',
            en: 'A discriminatory check is a serious fault (faute lourde) for which the State is liable. In court, the burden of proof is adjusted in favour of the person checked.',
          },
          sources: ['cass-civ1-2016', 'coj-l141-1'],
          status: 'in-force',
          confidence: 'verified',
        },
        {
          id: 'seydi',
          text: {
            fr: 'Le 26 juin 2025, la Cour européenne des droits de l’homme a condamné la France pour la première fois pour un contrôle d’identité discriminatoire (arrêt Seydi et autres), pour 1 des 6 requérants, avec 3 000 € de dommages.',
            en: 'On 26 June 2025 the European Court of Human Rights found against France for the first time over a discriminatory identity check (Seydi and others), for 1 of the 6 applicants, awarding €3,000.',
          },
          sources: ['cedh-seydi-2025', 'ddd-seydi-2025'],
          status: 'in-force',
          confidence: 'verified',
        },
      ],
    },
    {
      id: 'instead',
      title: { fr: 'Ce qui existe à la place', en: 'What exists instead' },
      items: [
        {
          id: 'rio',
          text: {
            fr: 'Depuis le 1er janvier 2014, les policiers et gendarmes en uniforme doivent porter de façon visible leur numéro d’identification individuel (RIO) à 7 chiffres ; en civil, sur leur brassard.',
            en: 'Since 1 January 2014, uniformed police officers and gendarmes must visibly wear their 7-digit individual identification number (RIO); in plain clothes, on their armband.',
          },
          easyRead: {
            fr: 'Les policiers et les gendarmes portent un numéro à 7 chiffres. Ce numéro s’appelle le RIO. Vous pouvez le noter.',
            en: 'Police officers and gendarmes wear a 7-digit number. This number is called the RIO. You can write it down.',
          },
          sources: ['csi-r434-15', 'arrete-rio-2013'],
          status: 'in-force',
          confidence: 'verified',
        },
        {
          id: 'rio-ruling',
          text: {
            fr: 'Le 11 octobre 2023, le Conseil d’État a constaté que le RIO est souvent absent. Il a ordonné au ministre de faire respecter son port dans les 12 mois, y compris sur les tenues de protection, et d’agrandir le numéro.',
            en: 'On 11 October 2023 the Conseil d’État found that the RIO is often not worn. It ordered the minister to enforce it within 12 months, including over protective gear, and to make the number larger.',
          },
          sources: ['ce-2023-467771'],
          status: 'in-force',
          confidence: 'verified',
        },
        {
          id: 'rio-compliance',
          text: {
            fr: 'Les mesures prises depuis octobre 2024 pour appliquer cette décision restent à vérifier.',
            en: 'The measures taken since October 2024 to apply this decision are still to be checked.',
          },
          sources: ['ce-2023-467771'],
          status: 'pending',
          confidence: 'verify',
          reviewNote: 'Compliance measures after 10/2024 unknown: check the ministry’s instructions.',
        },
        {
          id: 'bodycams',
          text: {
            fr: 'Les policiers, gendarmes et policiers municipaux peuvent filmer leurs interventions avec des caméras-piétons.',
            en: 'Police officers, gendarmes and municipal police officers may record their interventions with body cameras.',
          },
          sources: ['csi-l241-1'],
          status: 'in-force',
          confidence: 'verified',
        },
        {
          id: 'recourse',
          text: {
            fr: 'Si un contrôle s’est mal passé, notez le numéro RIO, le lieu, la date et l’heure, et les témoins. Vous pouvez saisir le Défenseur des droits, faire un signalement à l’IGPN (police nationale) ou à l’IGGN (gendarmerie), ou porter plainte (voir « Recours »).',
            en: 'If a check went badly, write down the RIO number, the place, date and time, and any witnesses. You can contact the Défenseur des droits, report to the IGPN (police nationale) or the IGGN (gendarmerie), or file a complaint (see “Recourse”).',
          },
          easyRead: {
            fr: 'Un contrôle s’est mal passé ? Notez le numéro RIO, le lieu et l’heure. Ensuite, contactez le Défenseur des droits.',
            en: 'A check went badly? Write down the RIO number, the place and the time. Then contact the Défenseur des droits.',
          },
          sources: ['sp-f2546', 'igpn-signalement', 'iggn-signalement'],
          status: 'in-force',
          confidence: 'verified',
        },
        {
          id: 'municipal-card',
          text: {
            fr: 'Les agents de police municipale ont une carte professionnelle.',
            en: 'Municipal police officers carry a professional card.',
          },
          sources: ['csi-l511-4', 'arrete-carte-pm-2014'],
          status: 'in-force',
          confidence: 'verified',
        },
        {
          id: 'municipal-number',
          text: {
            fr: 'L’obligation, pour la police municipale, de porter un numéro d’identification comparable au RIO reste à vérifier.',
            en: 'Whether municipal police must wear an identification number like the RIO is still to be checked.',
          },
          sources: ['csi-l511-4'],
          status: 'in-force',
          confidence: 'verify',
          reviewNote: 'Any RIO-like duty for municipal police: not confirmed in an official text.',
        },
      ],
    },
  ],
});
