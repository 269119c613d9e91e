/**
 * The café's `.ics` written in the browser and handed to the resident as a download (static
 * sources: no server serves one café's file). A lazy chunk with the serializer (ics.ts), loaded
 * the first time a resident asks for a file, not part of the widget's first view.
 */
import type { Cafe } from '@proximite/contract';
import { icsFileName } from './agenda.js';
import { cafeToIcs } from './ics.js';

/** Downloads `cafe` as an iCalendar file (RFC 5545) through a hidden link appended to `parent`. */
export function downloadIcs(cafe: Cafe, lang: string, parent: Element | DocumentFragment): void {
  const blob = new Blob([cafeToIcs(cafe, lang)], { type: 'text/calendar;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = icsFileName(cafe);
  link.hidden = true;
  parent.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
