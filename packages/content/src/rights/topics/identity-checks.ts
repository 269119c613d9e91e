import { defineTopic } from '../define.js';

/** Topic 1 — identity checks (contrôle d'identité). rights-facts.md PART 1 § 1. */
export const identityChecks = defineTopic({
  id: 'identity-checks',
  title: { fr: 'Contrôle d’identité', en: 'Identity checks' },
  summary: {
    fr: 'Qui peut contrôler votre identité, dans quels cas, comment la prouver et combien de temps vous pouvez être retenu.',
    en: 'Who may check your identity, when, how to prove it and how long you may be held.',
  },
  appliesTo: ['police-nationale', 'gendarmerie', 'police-municipale'],
  legalNotice: true,
  sections: [
    {
      id: 'rules',
      title: { fr: 'Qui peut vous contrôler, et quand', en: 'Who may check you, and when' },
      items: [
        {
          id: 'must-accept',
          text: {
            fr: 'Toute personne qui se trouve en France doit accepter un contrôle d’identité fait dans les conditions prévues par la loi.',
            en: 'Anyone in France must accept an identity check carried out under the conditions set by law.',
          },
          easyRead: {
            fr: 'La police peut vous demander qui vous êtes. C’est un contrôle d’identité. Vous devez accepter si la loi est respectée.',
            en: 'The police can ask who you are. This is an identity check. You must accept it if the law is followed.',
          },
          sources: ['cpp-78-1', 'sp-f1036'],
          status: 'in-force',
          confidence: 'verified',
        },
        {
          id: 'who',
          text: {
            fr: 'Le contrôle est fait par un officier de police judiciaire (OPJ) ou, sur son ordre, par un agent de police judiciaire de la police nationale ou de la gendarmerie. Les douanes peuvent aussi contrôler dans certains cas.',
            en: 'The check is carried out by a judicial police officer (OPJ) or, on their order, by a judicial police agent of the police nationale or the gendarmerie. Customs officers may also check in some cases.',
          },
          sources: ['cpp-78-2', 'sp-f1036'],
          status: 'in-force',
          confidence: 'verified',
        },
        {
          id: 'grounds',
          text: {
            fr: 'Un contrôle est possible : s’il existe une raison plausible de soupçonner que vous avez commis ou préparez une infraction, que vous êtes témoin ou recherché ; sur réquisitions écrites du procureur (un lieu et une période précis) ; pour prévenir une atteinte à l’ordre public (un risque réel à ce lieu et à ce moment) ; dans certaines zones frontalières, ports, aéroports et gares.',
            en: 'A check is allowed: when there is a plausible reason to suspect you committed or are preparing an offence, are a witness or are wanted; on written orders (réquisitions) of the public prosecutor for a precise place and period; to prevent a threat to public order (a real risk at that place and time); in some border areas, ports, airports and stations.',
          },
          sources: ['cpp-78-2'],
          status: 'in-force',
          confidence: 'verified',
        },
        {
          id: 'no-discrimination',
          text: {
            fr: 'Les agents ne doivent pas choisir les personnes à contrôler selon leur apparence physique ou un signe distinctif, sauf s’ils disposent d’un signalement précis. Ils ne doivent pas vous tutoyer. Un contrôle doit exclure toute discrimination.',
            en: 'Officers must not choose whom to check by physical appearance or a distinctive sign, unless they have a precise description. They must not address you with the familiar « tu ». A check must exclude any discrimination.',
          },
          easyRead: {
            fr: 'La police ne doit pas vous choisir à cause de votre apparence. Les agents doivent vous vouvoyer.',
            en: 'The police must not choose you because of how you look. Officers must speak to you politely.',
          },
          sources: ['csi-r434-16', 'cc-2022-1025-qpc'],
          status: 'in-force',
          confidence: 'verified',
        },
        {
          id: 'municipal-police-no-check',
          text: {
            fr: 'La police municipale ne peut pas faire de contrôle d’identité. Elle peut seulement relever votre identité pour une infraction qu’elle a le droit de constater (voir « Police municipale, police nationale et gendarmerie »).',
            en: 'Municipal police may not carry out identity checks. They may only note your identity (relevé d’identité) for an offence they are allowed to record (see “Municipal police, police nationale and gendarmerie”).',
          },
          easyRead: {
            fr: 'La police municipale ne peut pas contrôler votre identité. Elle peut seulement noter votre nom pour une amende.',
            en: 'Municipal police cannot check your identity. They can only write down your name for a fine.',
          },
          sources: ['cc-2011-625-dc', 'cpp-78-6'],
          status: 'in-force',
          confidence: 'verified',
        },
      ],
    },
    {
      id: 'proof',
      title: { fr: 'Prouver son identité', en: 'Proving your identity' },
      items: [
        {
          id: 'any-means',
          text: {
            fr: 'Vous pouvez prouver votre identité par tout moyen. Vous n’êtes pas obligé d’avoir une carte d’identité sur vous : un passeport, un permis de conduire, un autre document ou le témoignage d’une personne peuvent suffire.',
            en: 'You may prove your identity by any means. You do not have to carry an identity card: a passport, a driving licence, another document or a witness may be enough.',
          },
          easyRead: {
            fr: 'Vous n’êtes pas obligé d’avoir une carte d’identité. Vous pouvez montrer un autre papier. Une personne peut aussi dire qui vous êtes.',
            en: 'You do not have to carry an identity card. You can show another paper. A person can also say who you are.',
          },
          sources: ['sp-f1036'],
          status: 'in-force',
          confidence: 'verified',
        },
      ],
    },
    {
      id: 'verification',
      title: { fr: 'Vérification d’identité', en: 'Identity verification' },
      items: [
        {
          id: 'max-4h',
          text: {
            fr: 'Si vous ne pouvez pas ou ne voulez pas prouver votre identité, vous pouvez être retenu sur place ou au poste, le temps strictement nécessaire, au plus 4 heures (8 heures à Mayotte) à partir du contrôle. Vous êtes présenté à un OPJ.',
            en: 'If you cannot or will not prove your identity, you may be held on the spot or at a police station for as long as strictly necessary, at most 4 hours (8 hours in Mayotte) from the check. You are brought before an OPJ.',
          },
          easyRead: {
            fr: 'Si vous ne pouvez pas prouver qui vous êtes, la police peut vous garder. C’est au maximum 4 heures.',
            en: 'If you cannot prove who you are, the police can keep you. It is 4 hours at most.',
          },
          sources: ['cpp-78-3'],
          status: 'in-force',
          confidence: 'verified',
        },
        {
          id: 'notify',
          text: {
            fr: 'Pendant la vérification, vous pouvez demander que le procureur de la République soit prévenu, et faire prévenir votre famille ou la personne de votre choix.',
            en: 'During the verification you may ask for the public prosecutor to be informed, and have your family or anyone you choose told.',
          },
          sources: ['cpp-78-3'],
          status: 'in-force',
          confidence: 'verified',
        },
        {
          id: 'minors',
          text: {
            fr: 'Pour un mineur, le procureur est informé dès le début, et le représentant légal doit être présent, sauf impossibilité.',
            en: 'For a minor, the prosecutor is informed from the start, and the legal guardian must be present unless this is impossible.',
          },
          sources: ['cpp-78-3'],
          status: 'in-force',
          confidence: 'verified',
        },
        {
          id: 'fingerprints',
          text: {
            fr: 'Les empreintes et la photo ne sont possibles que si vous continuez à refuser de justifier votre identité ou si vos déclarations sont manifestement fausses, avec l’autorisation du procureur ou d’un juge. Refuser est puni de 3 mois de prison et 3 750 € d’amende. Un procès-verbal est établi et signé ; une copie vous est remise s’il n’y a pas de suite.',
            en: 'Fingerprints and a photo are allowed only if you keep refusing to prove your identity or your statements are manifestly false, with the authorisation of the prosecutor or a judge. Refusing is punishable by 3 months’ imprisonment and a €3,750 fine. A written record (procès-verbal) is drawn up and signed; you get a copy if there is no follow-up.',
          },
          sources: ['cpp-78-3', 'ordonnance-2025-1091'],
          status: 'in-force',
          confidence: 'verified',
        },
        {
          id: 'records-destroyed',
          text: {
            fr: 'S’il n’y a pas de procédure, les informations relevées pendant la vérification sont détruites dans un délai de 6 mois.',
            en: 'If no proceedings follow, the details taken during the verification are destroyed within 6 months.',
          },
          sources: ['cpp-78-3'],
          status: 'in-force',
          confidence: 'verify',
          reviewNote:
            'From a secondary source: check the 6-month destruction rule in the consolidated CPP art. 78-3.',
        },
      ],
    },
    {
      id: 'context',
      title: { fr: 'Repères', en: 'Background' },
      items: [
        {
          id: 'checks-2021',
          text: {
            fr: 'La Cour des comptes a estimé à environ 47 millions le nombre de contrôles d’identité en 2021.',
            en: 'The Cour des comptes (national audit office) estimated about 47 million identity checks in 2021.',
          },
          sources: ['cour-comptes-2023'],
          status: 'in-force',
          confidence: 'verify',
          reviewNote:
            'Figure quoted by doranges-avocat.fr and cnews.fr from the Cour des comptes report of 6 Dec 2023: check in the report itself.',
        },
      ],
    },
  ],
});
