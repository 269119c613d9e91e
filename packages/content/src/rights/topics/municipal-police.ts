import { defineTopic } from '../define.js';

/** Topic 8 — municipal police vs police nationale and gendarmerie. rights-facts.md PART 1 § 9. */
export const municipalPolice = defineTopic({
  id: 'municipal-police',
  title: {
    fr: 'Police municipale, police nationale et gendarmerie',
    en: 'Municipal police, police nationale and gendarmerie',
  },
  summary: {
    fr: 'Ce que la police municipale peut faire, et ce qu’elle ne peut pas faire : pas de contrôle d’identité, seulement un relevé d’identité.',
    en: 'What municipal police may and may not do: no identity checks, only noting your identity.',
  },
  appliesTo: ['police-nationale', 'gendarmerie', 'police-municipale'],
  legalNotice: false,
  sections: [
    {
      id: 'role',
      title: { fr: 'Son rôle', en: 'Its role' },
      items: [
        {
          id: 'mayor',
          text: {
            fr: 'La police municipale agit sous l’autorité du maire pour le bon ordre, la tranquillité, la sécurité et la salubrité publiques, sans préjudice de la compétence générale de la police nationale et de la gendarmerie.',
            en: 'Municipal police act under the mayor’s authority for good order, peace, safety and public health, without prejudice to the general competence of the police nationale and the gendarmerie.',
          },
          easyRead: {
            fr: 'La police municipale travaille pour la mairie. La police nationale et la gendarmerie travaillent pour l’État.',
            en: 'Municipal police work for the town hall. The police nationale and the gendarmerie work for the State.',
          },
          sources: ['csi-l511-1'],
          status: 'in-force',
          confidence: 'verified',
        },
        {
          id: 'powers',
          text: {
            fr: 'Elle fait respecter les arrêtés du maire et constate par procès-verbal : les infractions à ces arrêtés, certaines contraventions au code de la route, et certaines contraventions du code pénal qui ne demandent pas d’enquête, à l’exclusion des violences contre les personnes.',
            en: 'It enforces the mayor’s by-laws and records by written report: breaches of those by-laws, some traffic offences, and some minor offences of the penal code that need no investigation, excluding violence against persons.',
          },
          sources: ['csi-l511-1', 'csi-r511-1'],
          status: 'in-force',
          confidence: 'verified',
        },
        {
          id: 'figures',
          text: {
            fr: 'Au 31 décembre 2023, 28 161 agents de police municipale travaillaient dans 3 812 communes.',
            en: 'On 31 December 2023, 28,161 municipal police officers worked in 3,812 communes.',
          },
          sources: ['pjl-senat-97'],
          status: 'in-force',
          confidence: 'verified',
        },
      ],
    },
    {
      id: 'identity',
      title: { fr: 'Identité : relevé, pas contrôle', en: 'Identity: noting, not checking' },
      items: [
        {
          id: 'no-identity-checks',
          text: {
            fr: 'Les policiers municipaux sont agents de police judiciaire adjoints : ils rendent compte à un officier de police judiciaire. Ils ne peuvent pas faire de contrôle d’identité ; le Conseil constitutionnel a censuré la loi qui voulait le leur permettre (2011).',
            en: 'Municipal police officers are deputy judicial police agents: they report to a judicial police officer. They may not carry out identity checks; the Conseil constitutionnel struck down the law that tried to allow it (2011).',
          },
          easyRead: {
            fr: 'La police municipale ne peut pas faire de contrôle d’identité.',
            en: 'Municipal police cannot carry out identity checks.',
          },
          sources: ['cpp-21', 'cc-2011-625-dc', 'constitution'],
          status: 'in-force',
          confidence: 'verified',
        },
        {
          id: 'releve',
          text: {
            fr: 'Ils peuvent relever votre identité, seulement pour une infraction qu’ils ont le droit de constater. Si vous refusez ou ne pouvez pas la justifier, ils préviennent un OPJ, qui peut ordonner de vous présenter à lui ou de vous retenir ; sinon, ils ne peuvent pas vous retenir. Refuser de rester à leur disposition pendant ce temps est puni de 2 mois de prison et 7 500 € d’amende.',
            en: 'They may note your identity, only for an offence they are allowed to record. If you refuse or cannot prove it, they inform an OPJ, who may order you to be brought before them or held; otherwise they may not hold you. Refusing to stay at their disposal meanwhile is punishable by 2 months’ imprisonment and a €7,500 fine.',
          },
          easyRead: {
            fr: 'La police municipale peut noter votre nom pour une amende. Si vous refusez, elle appelle un officier de police judiciaire.',
            en: 'Municipal police can write down your name for a fine. If you refuse, they call a judicial police officer.',
          },
          sources: ['cpp-78-6'],
          status: 'in-force',
          confidence: 'verified',
        },
        {
          id: 'flagrant',
          text: {
            fr: 'Comme toute personne, un policier municipal peut appréhender l’auteur d’un crime ou d’un délit flagrant pour le conduire devant un OPJ.',
            en: 'Like anyone, a municipal police officer may apprehend the author of a flagrant crime or offence and bring them before an OPJ.',
          },
          sources: ['cpp-73'],
          status: 'in-force',
          confidence: 'verified',
        },
      ],
    },
    {
      id: 'framework',
      title: { fr: 'Encadrement', en: 'Oversight' },
      items: [
        {
          id: 'approval',
          text: {
            fr: 'Les agents sont agréés par le préfet et le procureur et prêtent serment. Ils ne peuvent être armés qu’avec l’autorisation du préfet. Une convention de coordination organise leur travail avec la police nationale ou la gendarmerie.',
            en: 'Officers are approved by the prefect and the prosecutor and take an oath. They may be armed only with the prefect’s authorisation. A coordination agreement organises their work with the police nationale or gendarmerie.',
          },
          sources: ['csi-l511-2', 'csi-l511-5', 'csi-l512-4'],
          status: 'in-force',
          confidence: 'verified',
        },
      ],
    },
    {
      id: 'reform',
      title: { fr: 'Réforme en cours', en: 'Reform under way' },
      items: [
        {
          id: 'bill-2025',
          text: {
            fr: 'Un projet de loi sur l’extension des prérogatives des polices municipales et des gardes champêtres a été déposé le 29 octobre 2025 et adopté en première lecture par le Sénat le 10 février 2026. Il prévoit que des communes volontaires aient une police municipale à compétence judiciaire élargie, pouvant dresser des amendes forfaitaires délictuelles (usage de stupéfiants, vente à la sauvette, vol de moins de 300 €, outrage sexiste, conduite sans permis ou sans assurance…). Ce n’est pas encore la loi. Une tentative de 2021 avait été censurée.',
            en: 'A bill extending the powers of municipal police and rural guards was tabled on 29 October 2025 and passed at first reading by the Senate on 10 February 2026. Volunteer communes would have municipal police with wider judicial powers, able to issue fixed criminal fines (drug use, street selling, theft under €300, sexist insults, driving without a licence or insurance…). It is not law yet. A 2021 attempt was struck down.',
          },
          sources: ['pjl-senat-97', 'cc-2021-817-dc'],
          status: 'pending',
          confidence: 'verify',
          reviewNote:
            'Bill in Parliament: status at the Assemblée nationale unknown — check Légifrance before release.',
        },
      ],
    },
  ],
});
