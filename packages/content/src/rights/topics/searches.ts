import { defineTopic } from '../define.js';

/** Topic 4 — pat-downs and searches (palpation, fouille). rights-facts.md PART 1 § 4. */
export const searches = defineTopic({
  id: 'searches',
  title: { fr: 'Palpation et fouille', en: 'Pat-downs and searches' },
  summary: {
    fr: 'La palpation de sécurité, la fouille, et la fouille des sacs et véhicules.',
    en: 'Security pat-downs, body searches, and searches of bags and vehicles.',
  },
  appliesTo: ['police-nationale', 'gendarmerie', 'police-municipale'],
  legalNotice: true,
  sections: [
    {
      id: 'body',
      title: { fr: 'Sur la personne', en: 'On your person' },
      items: [
        {
          id: 'pat-down',
          text: {
            fr: 'La palpation de sécurité se fait par-dessus les vêtements, pour la seule sécurité. Elle n’est pas systématique, se fait si possible à l’abri du public, et par une personne du même sexe, sauf nécessité.',
            en: 'A security pat-down is done over clothing, for safety only. It is not systematic, is done out of public view where possible, and by an officer of the same sex unless necessary.',
          },
          easyRead: {
            fr: 'La palpation : un agent touche vos vêtements pour chercher une arme. En principe, l’agent est du même sexe que vous.',
            en: 'A pat-down: an officer touches your clothes to look for a weapon. As a rule, the officer is of the same sex as you.',
          },
          sources: ['csi-r434-16', 'sp-f32041'],
          status: 'in-force',
          confidence: 'verified',
        },
        {
          id: 'body-search',
          text: {
            fr: 'La fouille corporelle est assimilée à une perquisition : seul un officier de police judiciaire (OPJ) peut la faire, dans un cadre légal (flagrant délit, mandat…), et par une personne du même sexe.',
            en: 'A body search counts as a search of premises (perquisition): only a judicial police officer (OPJ) may do it, within a legal framework (flagrant offence, warrant…), and by a person of the same sex.',
          },
          easyRead: {
            fr: 'La fouille est plus forte que la palpation. Seul un officier de police judiciaire peut la faire.',
            en: 'A search goes further than a pat-down. Only a judicial police officer can do it.',
          },
          sources: ['cass-crim-1982', 'sp-f32041'],
          status: 'in-force',
          confidence: 'verified',
        },
        {
          id: 'strip-search',
          text: {
            fr: 'La fouille à nu est faite par un OPJ du même sexe, dans un local fermé. Une fouille des cavités du corps ne peut être faite que par un médecin.',
            en: 'A strip search is done by an OPJ of the same sex, in a closed room. A body-cavity search may only be done by a doctor.',
          },
          sources: ['sp-f32041'],
          status: 'in-force',
          confidence: 'verified',
        },
      ],
    },
    {
      id: 'bags-vehicles',
      title: { fr: 'Sacs et véhicules', en: 'Bags and vehicles' },
      items: [
        {
          id: 'consent-or-order',
          text: {
            fr: 'Les agents peuvent fouiller vos bagages ou votre véhicule avec votre accord. Sans votre accord, il faut des réquisitions écrites du procureur, pour certaines infractions listées par la loi.',
            en: 'Officers may search your bags or your vehicle with your consent. Without your consent, they need written orders (réquisitions) from the prosecutor, for offences listed by law.',
          },
          easyRead: {
            fr: 'La police peut regarder dans votre sac si vous êtes d’accord. Sans votre accord, il faut un papier écrit du procureur.',
            en: 'The police can look in your bag if you agree. Without your agreement, they need a written order from the prosecutor.',
          },
          sources: ['cpp-78-2-2', 'sp-f1036'],
          status: 'in-force',
          confidence: 'verified',
        },
        {
          id: 'municipal-police',
          text: {
            fr: 'La police municipale (événements d’au moins 300 personnes, périmètres de protection, bâtiments communaux) peut inspecter visuellement les sacs. Elle ne peut les fouiller, ou faire une palpation, qu’avec votre accord exprès, et par une personne du même sexe.',
            en: 'Municipal police (events of 300 people or more, protection perimeters, municipal buildings) may look into bags. They may search them, or pat you down, only with your express consent, and by a person of the same sex.',
          },
          sources: ['csi-l511-1', 'sdpm-fouilles'],
          status: 'in-force',
          confidence: 'verify',
          reviewNote: 'Wording from sdpm.net: check CSI L. 511-1 and L. 613-2 for the exact powers.',
        },
      ],
    },
  ],
});
