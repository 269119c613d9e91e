import { defineTopic } from '../define.js';

/** Topic 5 — police custody (garde à vue). rights-facts.md PART 1 § 5. */
export const policeCustody = defineTopic({
  id: 'police-custody',
  title: { fr: 'Garde à vue', en: 'Police custody (garde à vue)' },
  summary: {
    fr: 'Quand une garde à vue est possible, combien de temps elle dure, et vos droits : prévenir un proche, voir un médecin, un avocat, garder le silence.',
    en: 'When police custody is allowed, how long it lasts, and your rights: telling someone, seeing a doctor, a lawyer, staying silent.',
  },
  appliesTo: ['police-nationale', 'gendarmerie'],
  legalNotice: true,
  sections: [
    {
      id: 'when',
      title: { fr: 'Quand et combien de temps', en: 'When and how long' },
      items: [
        {
          id: 'decision',
          text: {
            fr: 'La garde à vue est décidée par un officier de police judiciaire s’il existe une raison plausible de soupçonner que vous avez commis ou tenté un crime ou un délit puni de prison. Elle dure 24 heures, prolongeable de 24 heures par le procureur. Des régimes spéciaux (terrorisme, criminalité organisée) permettent plus.',
            en: 'Custody is decided by a judicial police officer when there is a plausible reason to suspect you committed or attempted a crime or offence punishable by imprisonment. It lasts 24 hours, extendable by 24 hours by the prosecutor. Special regimes (terrorism, organised crime) allow longer.',
          },
          easyRead: {
            fr: 'La garde à vue dure 24 heures. Le procureur peut ajouter 24 heures.',
            en: 'Police custody lasts 24 hours. The prosecutor can add 24 hours.',
          },
          sources: ['cpp-62-2', 'cpp-63', 'cpp-706-88'],
          status: 'in-force',
          confidence: 'verified',
        },
      ],
    },
    {
      id: 'rights',
      title: { fr: 'Vos droits', en: 'Your rights' },
      items: [
        {
          id: 'informed',
          text: {
            fr: 'Vous êtes informé immédiatement, dans une langue que vous comprenez, avec un document écrit : la garde à vue, sa durée, l’infraction soupçonnée et vos droits.',
            en: 'You are told at once, in a language you understand, with a written form: that you are in custody, for how long, the suspected offence and your rights.',
          },
          easyRead: {
            fr: 'La police doit vous expliquer vos droits. Elle doit le faire dans une langue que vous comprenez.',
            en: 'The police must explain your rights. They must do it in a language you understand.',
          },
          sources: ['cpp-63-1'],
          status: 'in-force',
          confidence: 'verified',
        },
        {
          id: 'notify',
          text: {
            fr: 'Vous pouvez faire prévenir la personne de votre choix, votre employeur et, si vous êtes étranger, votre consulat, dans les 3 heures.',
            en: 'You may have anyone you choose, your employer and, if you are a foreign national, your consulate informed, within 3 hours.',
          },
          easyRead: {
            fr: 'Vous pouvez demander de prévenir une personne de votre choix.',
            en: 'You can ask for a person of your choice to be told.',
          },
          sources: ['cpp-63-2', 'loi-2024-364'],
          status: 'in-force',
          confidence: 'verified',
        },
        {
          id: 'doctor',
          text: {
            fr: 'Vous pouvez demander à être examiné par un médecin, dans les 3 heures, et à nouveau en cas de prolongation.',
            en: 'You may ask to be examined by a doctor, within 3 hours, and again if custody is extended.',
          },
          easyRead: { fr: 'Vous pouvez voir un médecin.', en: 'You can see a doctor.' },
          sources: ['cpp-63-3'],
          status: 'in-force',
          confidence: 'verified',
        },
        {
          id: 'silence',
          text: {
            fr: 'Après avoir décliné votre identité, vous avez le droit de vous taire. Vous avez droit à un interprète, et vous pouvez présenter des observations au procureur en cas de prolongation.',
            en: 'After giving your identity, you have the right to remain silent. You have the right to an interpreter, and you may make observations to the prosecutor if custody is extended.',
          },
          easyRead: {
            fr: 'Vous devez dire votre nom. Ensuite, vous avez le droit de ne rien dire.',
            en: 'You must give your name. After that, you have the right to say nothing.',
          },
          sources: ['cpp-63-1', 'cpp-803-5'],
          status: 'in-force',
          confidence: 'verified',
        },
      ],
    },
    {
      id: 'lawyer',
      title: { fr: 'L’avocat', en: 'The lawyer' },
      items: [
        {
          id: 'lawyer',
          text: {
            fr: 'Vous avez droit à un entretien confidentiel de 30 minutes avec un avocat. Depuis le 1er juillet 2024, aucune audition ne peut commencer sans votre avocat ; si l’avocat choisi n’est pas là après 2 heures, un avocat commis d’office est appelé. Exception : si vous y renoncez, ou sur autorisation du procureur (12 heures au plus). L’avocat peut consulter les procès-verbaux de vos auditions.',
            en: 'You have the right to a 30-minute confidential interview with a lawyer. Since 1 July 2024, no questioning may start without your lawyer; if your chosen lawyer is not there after 2 hours, a duty lawyer is called. Exceptions: if you waive this right, or with the prosecutor’s authorisation (12 hours at most). The lawyer may read the records of your interviews.',
          },
          easyRead: {
            fr: 'Vous avez droit à un avocat. La police ne peut pas vous interroger sans votre avocat, sauf si vous dites que vous n’en voulez pas.',
            en: 'You have the right to a lawyer. The police cannot question you without your lawyer, unless you say you do not want one.',
          },
          sources: ['cpp-63-4', 'loi-2024-364', 'rosato-avocats-2024'],
          status: 'in-force',
          confidence: 'verified',
        },
        {
          id: 'lawyer-cost',
          text: {
            fr: 'L’avocat commis d’office pendant la garde à vue est payé par l’État.',
            en: 'A duty lawyer during custody is paid for by the State.',
          },
          sources: ['cpp-63-4'],
          status: 'in-force',
          confidence: 'verify',
          reviewNote:
            'Who bears the cost of the duty lawyer: from a secondary source, check the legal-aid rules.',
        },
        {
          id: 'minors',
          text: {
            fr: 'Les mineurs ont un régime particulier ; l’avocat est obligatoire.',
            en: 'Minors have a specific regime; a lawyer is mandatory.',
          },
          sources: ['cjpm-l413-6'],
          status: 'in-force',
          confidence: 'verify',
          reviewNote: 'Check CJPM L. 413-6 and following in the consolidated code.',
        },
      ],
    },
  ],
});
