import { defineMessages } from '../kit/localize.js';

/** « aucun café », « 1 café », « 3 cafés ». */
export const cafesFr = (n: number) => (n === 0 ? 'aucun café' : n === 1 ? '1 café' : `${n} cafés`);
/** "no café", "1 café", "3 cafés". */
export const cafesEn = (n: number) => (n === 0 ? 'no café' : n === 1 ? '1 café' : `${n} cafés`);

/** The texts of <prox-cafe-calendar>, French first. */
export const messages = defineMessages({
  fr: {
    title: 'Prochains cafés avec la police',
    view: 'Affichage',
    viewList: 'Liste',
    viewMonth: 'Mois',
    district: 'Quartier',
    allDistricts: 'Tous les quartiers',
    empty: 'Aucun café prévu pour l’instant',
    emptyDistrict: 'Aucun café prévu pour l’instant dans ce quartier',
    emptyHint: 'Abonnez-vous à l’agenda : les prochains cafés y apparaîtront d’eux-mêmes.',
    subscribe: 'S’abonner à l’agenda',
    subscribeHint: 'dans votre application d’agenda (webcal)',
    downloadFeed: 'Télécharger l’agenda (.ics)',
    count: (n: number) => `${cafesFr(n)} à venir`,
    showMore: (n: number, left: number) =>
      `Voir ${cafesFr(n)} de plus (${left} restant${left > 1 ? 's' : ''})`,
    allDay: 'Toute la journée',
    dayOf: (i: number, n: number) => `jour ${i} sur ${n}`,
    cancelled: 'Annulé',
    when: 'Horaire',
    place: 'Lieu',
    map: 'plan OpenStreetMap',
    districtLabel: 'Quartier',
    mode: 'Format',
    modeInPerson: 'Sur place',
    modeOnline: 'En ligne',
    modeHybrid: 'Sur place et en ligne',
    modeOther: 'Format à préciser',
    joinOnline: 'Rejoindre en ligne',
    organizer: 'Organisé par',
    accessibility: 'Accessibilité',
    languages: 'Langues',
    frenchSignLanguage: 'langue des signes française (LSF)',
    details: 'Détails et ajout à l’agenda',
    moreInfo: 'Plus d’informations',
    addToCalendar: 'Ajouter à mon agenda',
    icsFile: 'Fichier .ics',
    google: 'Google Agenda',
    outlook: 'Outlook',
    unreadable: (n: number) =>
      n === 1
        ? 'Une entrée de l’agenda n’a pas pu être lue : elle n’apparaît pas ici.'
        : `${n} entrées de l’agenda n’ont pas pu être lues : elles n’apparaissent pas ici.`,
  },
  en: {
    title: 'Upcoming cafés with the police',
    view: 'View',
    viewList: 'List',
    viewMonth: 'Month',
    district: 'District',
    allDistricts: 'All districts',
    empty: 'No café planned yet',
    emptyDistrict: 'No café planned yet in this district',
    emptyHint: 'Subscribe to the calendar: the next cafés will appear in it by themselves.',
    subscribe: 'Subscribe to the calendar',
    subscribeHint: 'in your calendar app (webcal)',
    downloadFeed: 'Download the calendar (.ics)',
    count: (n: number) => `${cafesEn(n)} coming up`,
    showMore: (n: number, left: number) => `Show ${n} more ${n === 1 ? 'café' : 'cafés'} (${left} left)`,
    allDay: 'All day',
    dayOf: (i: number, n: number) => `day ${i} of ${n}`,
    cancelled: 'Cancelled',
    when: 'Time',
    place: 'Place',
    map: 'OpenStreetMap map',
    districtLabel: 'District',
    mode: 'Format',
    modeInPerson: 'In person',
    modeOnline: 'Online',
    modeHybrid: 'In person and online',
    modeOther: 'Format to be confirmed',
    joinOnline: 'Join online',
    organizer: 'Organised by',
    accessibility: 'Accessibility',
    languages: 'Languages',
    frenchSignLanguage: 'French Sign Language (LSF)',
    details: 'Details and add to calendar',
    moreInfo: 'More information',
    addToCalendar: 'Add to my calendar',
    icsFile: '.ics file',
    google: 'Google Calendar',
    outlook: 'Outlook',
    unreadable: (n: number) =>
      n === 1
        ? 'One entry of this calendar could not be read: it is not shown here.'
        : `${n} entries of this calendar could not be read: they are not shown here.`,
  },
});
