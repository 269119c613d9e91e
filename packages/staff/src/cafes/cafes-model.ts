/**
 * The cafés section's pure logic: a form's values ⇄ the contract's `CafeInput` (RFC 5545 rules for
 * « every week » and « every month, the first Wednesday »), local dates and times in the city's
 * zone, the list's windows, and the meeting report's lines. No DOM.
 */
import type { AdminMeetingReport, Cafe, CafeInput, MeetingReportInput } from '@proximite/contract';
import type { Route } from '../console/router.js';

/** The zone the console writes cafés in (the city's). */
export const CITY_TIME_ZONE = 'Europe/Paris';

export const KINDS = ['cafe', 'watch-group', 'public-meeting'] as const;
export const MODES = ['in-person', 'online', 'hybrid'] as const;
export const REPEATS = ['none', 'weekly', 'monthly'] as const;
export type Repeat = (typeof REPEATS)[number];

const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;

/** What the form holds, as strings (what the fields hold). */
export interface CafeDraft {
  kind: string;
  titleFr: string;
  titleEn: string;
  date: string;
  startTime: string;
  endTime: string;
  repeat: Repeat;
  exceptions: string;
  placeName: string;
  placeAddress: string;
  districtId: string;
  mode: string;
  onlineUrl: string;
  accessibilityFr: string;
  accessibilityEn: string;
  languages: string;
  organizerName: string;
  organizerRole: string;
}

export const EMPTY_DRAFT: CafeDraft = {
  kind: 'cafe',
  titleFr: '',
  titleEn: '',
  date: '',
  startTime: '17:30',
  endTime: '19:00',
  repeat: 'none',
  exceptions: '',
  placeName: '',
  placeAddress: '',
  districtId: '',
  mode: 'in-person',
  onlineUrl: '',
  accessibilityFr: '',
  accessibilityEn: '',
  languages: 'fr',
  organizerName: '',
  organizerRole: '',
};

/** The weekday (RFC 5545 `MO`…) and its rank in the month (1–4, or -1 for the last) of a date. */
export function monthlyPosition(date: string): { rank: number; weekday: string } | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // A year being typed (`0002-…` while the field fills in) is not a date yet.
  if (y < 1900) return undefined;
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (day.getUTCDate() !== d) return undefined;
  const rank = Math.ceil(d / 7);
  return { rank: rank === 5 ? -1 : rank, weekday: WEEKDAYS[day.getUTCDay()] as string };
}

/** The RRULE of a repeat choice from a first date (RFC 5545 §3.3.10), or `undefined` for none. */
export function ruleFor(repeat: Repeat, date: string): string | undefined {
  if (repeat === 'weekly') return 'FREQ=WEEKLY';
  if (repeat === 'monthly') {
    const p = monthlyPosition(date);
    return p ? `FREQ=MONTHLY;BYDAY=${p.rank}${p.weekday}` : undefined;
  }
  return undefined;
}

/** The repeat choice of a stored rule (a rule the console did not write reads as its frequency). */
export function repeatOf(rrule: string | undefined): Repeat {
  if (rrule === undefined) return 'none';
  if (/^FREQ=WEEKLY/.test(rrule)) return 'weekly';
  if (/^FREQ=MONTHLY/.test(rrule)) return 'monthly';
  return 'none';
}

/** The day index (0 = Sunday) of an RFC 5545 weekday. */
export function weekdayIndex(weekday: string): number {
  return WEEKDAYS.indexOf(weekday as (typeof WEEKDAYS)[number]);
}

/** Days written `2026-12-02, 2027-01-06` (commas, spaces or lines): the valid ones and the rest. */
export function parseDates(text: string): { dates: string[]; invalid: string[] } {
  const dates: string[] = [];
  const invalid: string[] = [];
  for (const token of text.split(/[\s,;]+/).filter((t) => t !== '')) {
    if (monthlyPosition(token)) {
      if (!dates.includes(token)) dates.push(token);
    } else invalid.push(token);
  }
  return { dates: dates.sort(), invalid };
}

/** Minutes east of UTC of `timeZone` at `instant`. */
function offsetAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((asUtc - Math.floor(instant / 60_000) * 60_000) / 60_000);
}

/** A local date and time in `timeZone` as ISO 8601 with its offset (`2026-10-07T17:30:00+02:00`). */
export function zonedIso(date: string, time: string, timeZone = CITY_TIME_ZONE): string {
  const guess = Date.parse(`${date}T${time}:00Z`);
  let t = guess - offsetAt(guess, timeZone) * 60_000;
  t = guess - offsetAt(t, timeZone) * 60_000;
  const off = offsetAt(t, timeZone);
  const pad = (n: number) => String(Math.abs(n)).padStart(2, '0');
  const sign = off < 0 ? '-' : '+';
  return `${date}T${time}:00${sign}${pad(Math.trunc(off / 60))}:${pad(off % 60)}`;
}

/** The local date and time of an instant written with its offset (the server writes the café's zone). */
export function localParts(iso: string): { date: string; time: string } {
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

export type DraftError =
  | 'titleFr'
  | 'date'
  | 'startTime'
  | 'endTime'
  | 'placeName'
  | 'placeAddress'
  | 'onlineUrl'
  | 'organizerName'
  | 'exceptions';

/** The fields a draft is missing or has wrong, in the form's order. */
export function draftErrors(d: CafeDraft): DraftError[] {
  const errors: DraftError[] = [];
  if (d.titleFr.trim() === '') errors.push('titleFr');
  if (!monthlyPosition(d.date)) errors.push('date');
  if (!/^\d{2}:\d{2}$/.test(d.startTime)) errors.push('startTime');
  if (!/^\d{2}:\d{2}$/.test(d.endTime) || d.endTime <= d.startTime) errors.push('endTime');
  if (d.repeat !== 'none' && parseDates(d.exceptions).invalid.length > 0) errors.push('exceptions');
  if (d.placeName.trim() === '') errors.push('placeName');
  if (d.placeAddress.trim() === '') errors.push('placeAddress');
  if (d.mode !== 'in-person' && !/^https:\/\/\S+$/.test(d.onlineUrl.trim())) errors.push('onlineUrl');
  if (d.organizerName.trim() === '') errors.push('organizerName');
  return errors;
}

const localized = (fr: string, en: string) =>
  en.trim() === '' ? { fr: fr.trim() } : { fr: fr.trim(), en: en.trim() };

/** The `CafeInput` of a valid draft (check {@link draftErrors} first). */
export function inputOf(d: CafeDraft): CafeInput {
  const rrule = ruleFor(d.repeat, d.date);
  const languages = d.languages
    .split(/[\s,;]+/)
    .map((l) => l.trim())
    .filter((l) => /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/.test(l));
  const input: CafeInput = {
    kind: (KINDS as readonly string[]).includes(d.kind) ? (d.kind as (typeof KINDS)[number]) : 'cafe',
    title: localized(d.titleFr, d.titleEn),
    start: zonedIso(d.date, d.startTime),
    end: zonedIso(d.date, d.endTime),
    timeZone: CITY_TIME_ZONE,
    place: { name: d.placeName.trim(), address: d.placeAddress.trim() },
    districtId: d.districtId === '' ? null : d.districtId,
    mode: (MODES as readonly string[]).includes(d.mode) ? (d.mode as (typeof MODES)[number]) : 'in-person',
    organizer: {
      name: d.organizerName.trim(),
      ...(d.organizerRole.trim() !== '' && { role: d.organizerRole.trim() }),
    },
    languages: languages.length > 0 ? [...new Set(languages)] : ['fr'],
  };
  if (d.mode !== 'in-person') input.onlineUrl = d.onlineUrl.trim();
  if (d.accessibilityFr.trim() !== '') input.accessibility = localized(d.accessibilityFr, d.accessibilityEn);
  if (rrule !== undefined) {
    const exceptions = parseDates(d.exceptions).dates;
    input.repeat = { rrule, ...(exceptions.length > 0 && { exceptions }) };
  }
  return input;
}

/** A draft from a café (a series: its first occurrence and its rule). */
export function draftOf(c: Cafe): CafeDraft {
  const start = localParts(c.start);
  return {
    kind: c.kind ?? 'cafe',
    titleFr: c.title.fr,
    titleEn: c.title.en ?? '',
    date: start.date,
    startTime: start.time,
    endTime: localParts(c.end).time,
    repeat: repeatOf(c.series?.rrule),
    exceptions: (c.series?.exceptions ?? []).join(', '),
    placeName: c.place.name,
    placeAddress: c.place.address,
    districtId: c.districtId ?? '',
    mode: c.mode,
    onlineUrl: c.onlineUrl ?? '',
    accessibilityFr: c.accessibility?.fr ?? '',
    accessibilityEn: c.accessibility?.en ?? '',
    languages: c.languages.join(', '),
    organizerName: c.organizer.name,
    organizerRole: c.organizer.role ?? '',
  };
}

/** The preview's café: what the public card would show of a draft (valid or not). */
export function previewOf(d: CafeDraft): Cafe {
  const date = monthlyPosition(d.date) ? d.date : '2000-01-01';
  const time = (t: string) => (/^\d{2}:\d{2}$/.test(t) ? t : '00:00');
  const input = inputOf({ ...d, date, startTime: time(d.startTime), endTime: time(d.endTime) });
  return {
    ...input,
    id: 'preview',
    kind: input.kind ?? 'cafe',
    allDay: false,
    districtId: input.districtId ?? null,
    languages: input.languages ?? ['fr'],
    status: 'scheduled',
    sequence: 0,
    updatedAt: input.start,
  } as Cafe;
}

/** The window of the list: upcoming (today on, a year) or past (the year before today). */
export function windowOf(when: 'upcoming' | 'past', now: Date): { from: string; to: string } {
  const day = (offset: number) => new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  return when === 'past' ? { from: day(-365), to: day(-1) } : { from: day(0), to: day(365) };
}

/** The meeting report form's values. */
export interface ReportDraft {
  attendance: string;
  /** One topic a line: `Title | PRX-AAAA-0001, PRX-AAAA-0002` (references optional). */
  topics: string;
  /** One answer given on the spot a line. */
  answers: string;
  /** One follow-up a line. */
  followUps: string;
  /** The English texts (optional), a line each, line N translating the N-th French line. */
  topicsEn: string;
  answersEn: string;
  followUpsEn: string;
}

const REFERENCE = /^PRX-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

type StoredReport = AdminMeetingReport['report'];

/** The form's values of a stored report (`GET /v1/admin/cafes/{id}/report`): the French texts, a line each. */
export function reportDraftOf(r: StoredReport): ReportDraft {
  return {
    attendance: r.attendance === null ? '' : String(r.attendance),
    topics: r.topics
      .map((t) =>
        t.concernReferences.length > 0 ? `${t.title.fr} | ${t.concernReferences.join(', ')}` : t.title.fr,
      )
      .join('\n'),
    answers: r.answers.map((a) => a.text.fr).join('\n'),
    followUps: r.followUps.map((f) => f.text.fr).join('\n'),
    topicsEn: r.topics.map((t) => t.title.en ?? '').join('\n'),
    answersEn: r.answers.map((a) => a.text.en ?? '').join('\n'),
    followUpsEn: r.followUps.map((f) => f.text.en ?? '').join('\n'),
  };
}

/** Lines of an English field, kept in place (an empty line: no English for that French line). */
const englishLines = (text: string) => text.split('\n').map((l) => l.trim());

/** `text` with `en` as its English (none when empty); its other languages kept. */
function withEnglish<T extends { fr: string; en?: string | undefined }>(text: T, en: string | undefined): T {
  const { en: _was, ...rest } = text;
  return (en ? { ...rest, en } : rest) as T;
}

/**
 * « Créer une priorité » from a topic of a café's report: the priorities section's form, filled in
 * with the topic's title (fr and en), its linked concerns and the café's district, the new priority
 * linked to the café.
 */
export function priorityRouteOf(
  cafe: Pick<Cafe, 'id' | 'districtId'>,
  topic: { title: { fr: string; en?: string | undefined }; concernReferences: readonly string[] },
): Route {
  return {
    section: 'priorities',
    id: 'new',
    params: {
      refs: topic.concernReferences.join(','),
      cafe: cafe.id,
      ...(cafe.districtId ? { district: cafe.districtId } : {}),
      fr: topic.title.fr,
      ...(topic.title.en ? { en: topic.title.en } : {}),
    },
  };
}

/**
 * The report's input, or the lines that do not read (a concern reference that is not one). The
 * English fields' line N is the English of the N-th French line (empty: none). With the stored
 * report, a line whose French text is unchanged keeps what the form does not show: its priority,
 * its other languages and, for a topic, the concerns only noted at the meeting (counted beyond its
 * references) — so that publishing an unchanged form changes nothing.
 */
export function reportInputOf(
  d: ReportDraft,
  stored?: StoredReport,
): { input: MeetingReportInput } | { badReferences: string[] } {
  const bad: string[] = [];
  const en = {
    topics: englishLines(d.topicsEn),
    answers: englishLines(d.answersEn),
    followUps: englishLines(d.followUpsEn),
  };
  const topics = lines(d.topics).map((line, i) => {
    const [title = '', refs = ''] = line.split('|');
    const references = refs
      .split(/[\s,;]+/)
      .map((r) => r.trim().toUpperCase())
      .filter((r) => r !== '');
    for (const r of references) if (!REFERENCE.test(r)) bad.push(r);
    const fr = title.trim();
    const was = stored?.topics.find((t) => t.title.fr === fr);
    if (!was)
      return {
        title: withEnglish({ fr }, en.topics[i]),
        ...(references.length > 0 && { concernReferences: references }),
      };
    return {
      title: withEnglish(was.title, en.topics[i]),
      concernReferences: references,
      concernCount: references.length + Math.max(0, was.concernCount - was.concernReferences.length),
      ...(was.priorityId !== undefined && { priorityId: was.priorityId }),
    };
  });
  if (bad.length > 0) return { badReferences: bad };
  const attendance = d.attendance.trim() === '' ? null : Math.max(0, Math.trunc(Number(d.attendance)));
  return {
    input: {
      attendance: attendance === null || Number.isNaN(attendance) ? null : attendance,
      topics,
      answers: lines(d.answers).map((fr, i) => ({
        text: withEnglish(stored?.answers.find((a) => a.text.fr === fr)?.text ?? { fr }, en.answers[i]),
      })),
      followUps: lines(d.followUps).map((fr, i) => {
        const was = stored?.followUps.find((f) => f.text.fr === fr);
        return { ...was, text: withEnglish(was?.text ?? { fr }, en.followUps[i]) };
      }),
    },
  };
}

/** Whether a café is over (its end is before `now`). */
export function isPast(c: Cafe, now: Date): boolean {
  return Date.parse(c.end) < now.getTime();
}
