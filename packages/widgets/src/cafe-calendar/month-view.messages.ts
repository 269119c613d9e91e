import { defineMessages } from '../kit/localize.js';
import { cafesEn, cafesFr } from './cafe-calendar.messages.js';

/** The texts of the month view of <prox-cafe-calendar> (loaded with it), French first. */
export const monthMessages = defineMessages({
  fr: {
    previousMonth: 'Mois précédent',
    nextMonth: 'Mois suivant',
    monthStatus: (month: string, n: number) => `${month}\u00a0: ${cafesFr(n)}`,
    dayLink: (day: string, n: number, cancelled: number) =>
      `${day}\u00a0: ${cafesFr(n)}${
        cancelled === 0
          ? ''
          : cancelled === n
            ? `, ${n === 1 ? 'annulé' : 'annulés'}`
            : `, dont ${cancelled} annulé${cancelled > 1 ? 's' : ''}`
      }`,
    noCafeThisMonth: 'Aucun café ce mois-ci.',
  },
  en: {
    previousMonth: 'Previous month',
    nextMonth: 'Next month',
    monthStatus: (month: string, n: number) => `${month}: ${cafesEn(n)}`,
    dayLink: (day: string, n: number, cancelled: number) =>
      `${day}: ${cafesEn(n)}${cancelled === 0 ? '' : cancelled === n ? ', cancelled' : `, ${cancelled} cancelled`}`,
    noCafeThisMonth: 'No café this month.',
  },
});
