/**
 * The inbox as CSV (`GET /v1/admin/concerns.csv`): RFC 4180 (https://www.rfc-editor.org/rfc/rfc4180)
 * fields and CRLF line ends, UTF-8 with a byte-order mark (spreadsheet software reads the accents
 * right with it), `;` in French and `,` in English, cells that would run as a formula neutralised
 * (OWASP, « CSV Injection »: https://owasp.org/www-community/attacks/CSV_Injection).
 */
import type { InputLang, LocalizedText } from '@proximite/contract';
import type { ExportRow } from './store/inbox.js';
import { zonedParts } from './util.js';

/** A spreadsheet runs a cell that starts with one of these as a formula (or a DDE command). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One field: a formula-looking value prefixed with `'`, quoted when it holds the separator, a quote or a line break. */
export function csvField(value: string, separator: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return safe.includes(separator) || /["\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One record, CRLF-terminated. */
export function csvRecord(cells: readonly string[], separator: string): string {
  return `${cells.map((c) => csvField(c, separator)).join(separator)}\r\n`;
}

/** The byte-order mark that tells spreadsheet software the file is UTF-8. */
export const BOM = '\ufeff';

const TIME_ZONE = 'Europe/Paris';

/** `YYYY-MM-DD HH:MM` in the city's time zone (a form spreadsheets read as a date). */
function localTime(iso: string | null): string {
  if (iso === null) return '';
  const p = zonedParts(new Date(iso), TIME_ZONE);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}`;
}

const name = (text: LocalizedText | undefined, lang: InputLang): string =>
  text === undefined ? '' : lang === 'en' ? (text.en ?? text.fr) : text.fr;

interface Column {
  fr: string;
  en: string;
  value(row: ExportRow, lang: InputLang): string;
}

const yesNo = (b: boolean, lang: InputLang) =>
  b ? (lang === 'fr' ? 'oui' : 'yes') : lang === 'fr' ? 'non' : 'no';

const COLUMNS: Column[] = [
  { fr: 'Référence', en: 'Reference', value: (r) => r.item.reference },
  { fr: 'Reçu le (heure de Paris)', en: 'Received (Paris time)', value: (r) => localTime(r.item.receivedAt) },
  { fr: 'Âge (jours)', en: 'Age (days)', value: (r) => String(r.item.ageDays) },
  { fr: 'Statut', en: 'Status', value: (r) => r.item.status },
  { fr: 'Catégorie', en: 'Category', value: (r, l) => name(r.item.category, l) || r.item.categoryCode },
  { fr: 'Quartier', en: 'District', value: (r) => r.item.district ?? r.item.districtId ?? '' },
  { fr: 'Service', en: 'Service', value: (r, l) => name(r.item.service.name, l) },
  { fr: 'Attribué à', en: 'Assigned to', value: (r) => r.item.assignee?.displayName ?? '' },
  { fr: 'Échéance (heure de Paris)', en: 'Due (Paris time)', value: (r) => localTime(r.item.dueAt) },
  { fr: 'En retard', en: 'Overdue', value: (r, l) => yesNo(r.item.overdue, l) },
  { fr: 'En quarantaine', en: 'Quarantined', value: (r, l) => yesNo(r.item.quarantined, l) },
  { fr: 'Doublon de', en: 'Duplicate of', value: (r) => r.item.duplicateOf ?? '' },
  { fr: 'Texte', en: 'Text', value: (r) => r.description },
  { fr: 'Adresse', en: 'Address', value: (r) => r.address ?? '' },
];

const CONTACT_COLUMNS: Column[] = [
  { fr: 'Nom', en: 'Name', value: (r) => r.contact?.name ?? '' },
  { fr: 'Courriel', en: 'E-mail', value: (r) => r.contact?.email ?? '' },
  { fr: 'Téléphone', en: 'Phone', value: (r) => r.contact?.phone ?? '' },
  { fr: 'Contact préféré', en: 'Preferred contact', value: (r) => r.contact?.preferred ?? '' },
];

/** The separator a language's spreadsheets expect: `;` where the comma is the decimal separator. */
export function separatorFor(lang: InputLang): ';' | ',' {
  return lang === 'fr' ? ';' : ',';
}

/**
 * The CSV as a stream of text: the byte-order mark and the headings, then each page of `pages` as
 * it comes (nothing holds the whole export in memory).
 */
export function concernsCsv(
  pages: AsyncIterable<ExportRow[]>,
  options: { lang: InputLang; withContacts: boolean },
): ReadableStream<Uint8Array> {
  const { lang, withContacts } = options;
  const separator = separatorFor(lang);
  const columns = withContacts ? [...COLUMNS, ...CONTACT_COLUMNS] : COLUMNS;
  const encoder = new TextEncoder();
  const iterator = pages[Symbol.asyncIterator]();
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(
          encoder.encode(
            BOM +
              csvRecord(
                columns.map((c) => c[lang]),
                separator,
              ),
          ),
        );
        return;
      }
      const next = await iterator.next();
      if (next.done === true) {
        controller.close();
        return;
      }
      const text = next.value.map((row) =>
        csvRecord(
          columns.map((c) => c.value(row, lang)),
          separator,
        ),
      );
      if (text.length > 0) controller.enqueue(encoder.encode(text.join('')));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
