import { defineTopic } from '../define.js';

/** Topic 3 — filming the police. rights-facts.md PART 1 § 3. */
export const filmingPolice = defineTopic({
  id: 'filming-police',
  title: { fr: 'Filmer la police', en: 'Filming the police' },
  summary: {
    fr: 'Filmer une intervention dans l’espace public, et ce qu’il est interdit de diffuser.',
    en: 'Filming an intervention in a public place, and what you must not publish.',
  },
  appliesTo: ['police-nationale', 'gendarmerie', 'police-municipale'],
  legalNotice: true,
  sections: [
    {
      id: 'filming',
      title: { fr: 'Filmer', en: 'Filming' },
      items: [
        {
          id: 'right-to-film',
          text: {
            fr: 'Les policiers n’ont pas de droit particulier à l’image (sauf certaines unités listées par arrêté) et ne peuvent pas empêcher d’être filmés dans l’espace public. Ils ne peuvent pas vous interpeller pour ce motif, saisir votre appareil ni effacer vos images. Limites : le secret de l’enquête, la preuve, la sécurité des personnes présentes.',
            en: 'Police officers have no special right over their image (except some units listed by ministerial order) and cannot stop you filming them in a public place. They may not arrest you for it, seize your device or delete your footage. Limits: the secrecy of an investigation, evidence, the safety of people nearby.',
          },
          easyRead: {
            fr: 'Dans la rue, vous pouvez filmer la police. Les agents ne peuvent pas effacer vos vidéos.',
            en: 'In the street, you can film the police. Officers cannot delete your videos.',
          },
          sources: ['notes-dgpn-filmer'],
          status: 'in-force',
          confidence: 'verify',
          reviewNote:
            'DGPN note 2008-8433-D (23/12/2008) and DSPAP note (01/02/2018) known only as quoted by secondary sites: find the official text.',
        },
        {
          id: 'article-24',
          text: {
            fr: 'Le délit de « provocation à l’identification » des forces de l’ordre, voté dans la loi « sécurité globale », a été censuré par le Conseil constitutionnel le 20 mai 2021 : il n’existe pas.',
            en: 'The offence of “provoking the identification” of officers, voted in the “global security” law, was struck down by the Conseil constitutionnel on 20 May 2021: it does not exist.',
          },
          sources: ['cc-2021-817-dc'],
          status: 'repealed',
          confidence: 'verified',
        },
      ],
    },
    {
      id: 'publishing',
      title: { fr: 'Diffuser', en: 'Publishing' },
      items: [
        {
          id: 'exposing',
          text: {
            fr: 'Révéler des informations qui permettent d’identifier ou de localiser une personne pour l’exposer à un danger est un délit : 3 ans de prison et 45 000 € d’amende ; 5 ans et 75 000 € si la personne est dépositaire de l’autorité publique. Les règles sur la diffamation et l’injure s’appliquent aussi.',
            en: 'Revealing information that identifies or locates a person in order to expose them to harm is an offence: 3 years’ imprisonment and a €45,000 fine; 5 years and €75,000 if the person holds public authority. Defamation and insult law also applies.',
          },
          easyRead: {
            fr: 'Attention à ce que vous publiez. Mettre une personne en danger en publiant son nom ou son adresse est interdit.',
            en: 'Be careful what you post. Putting someone in danger by posting their name or address is forbidden.',
          },
          sources: ['cp-223-1-1', 'loi-2021-1109'],
          status: 'in-force',
          confidence: 'verify',
          reviewNote: 'Penalties of CP art. 223-1-1 from a secondary source: check the consolidated article.',
        },
      ],
    },
    {
      id: 'officers-filming',
      title: { fr: 'Quand les agents filment', en: 'When officers film' },
      items: [
        {
          id: 'bodycams',
          text: {
            fr: 'Policiers, gendarmes et policiers municipaux peuvent porter des caméras-piétons pour enregistrer leurs interventions.',
            en: 'Police officers, gendarmes and municipal police officers may wear body cameras to record their interventions.',
          },
          sources: ['csi-l241-1'],
          status: 'in-force',
          confidence: 'verified',
        },
      ],
    },
  ],
});
