/**
 * Property tests on every input schema: arbitrary valid inputs are accepted; mutations (an extra
 * key anywhere, any string made too long, any leaf of the wrong type, arrays over their cap,
 * unsafe URLs) are rejected.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type * as z from 'zod/mini';
import {
  AdminConcernExportQuery,
  AdminConcernListQuery,
  AdminTokenCreateInput,
  ADMIN_TOKEN_SCOPES,
  AuditListQuery,
  ConcernBulkInput,
  ConcernTriageInput,
  INBOX_SORTS,
} from '../src/admin.js';
import { CAFE_MODES, CafeCancelInput, CafeInput, CafeListQuery } from '../src/cafes.js';
import {
  CONCERN_REFERENCE_PATTERN,
  CONCERN_STATUSES,
  ConcernInput,
  ConcernStatusQuery,
  IdempotencyKey,
  MAX_ATTRIBUTES,
} from '../src/concerns.js';
import { Open311RequestInput, Open311RequestsQuery } from '../src/open311.js';
import { CalendarFeedQuery, LangQuery } from '../src/operations.js';
import { PRIORITY_STATUSES, PriorityInput, PriorityListQuery } from '../src/priorities.js';
import { CONTACT_CHANNELS, LOCAL_CONTACT_KINDS, RightsOverrides, RightsQuery } from '../src/rights.js';
import { ACTIVITY_METRICS, ACTIVITY_SOURCE_TYPES, ActivityCountersInput, StatsQuery } from '../src/stats.js';
import { cafeInput, concernInput } from './fixtures.js';

// ---------------------------------------------------------------------------
// Arbitraries

const text = (max: number) => fc.string({ minLength: 1, maxLength: Math.min(max, 80) });
const textUpTo = (max: number) =>
  fc.oneof(
    text(max),
    fc.string({ minLength: max, maxLength: max }).filter((s) => s.length === max),
  );
const lt = (max: number) =>
  fc.record({ fr: textUpTo(max), en: text(max), 'fr-falc': text(max) }, { requiredKeys: ['fr'] });
const id = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._~-]{0,30}$/);
const code = fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,20}$/);
const reference = fc.stringMatching(CONCERN_REFERENCE_PATTERN);
const lat = fc.double({ min: -90, max: 90, noNaN: true });
const lon = fc.double({ min: -180, max: 180, noNaN: true });
const instant = fc.date({
  min: new Date('2000-01-01T00:00:00Z'),
  max: new Date('2090-01-01T00:00:00Z'),
  noInvalidDate: true,
});
const isoDateTimeOffset = fc
  .tuple(instant, fc.constantFrom('Z', '+02:00', '+01:00', '-05:00'))
  .map(([d, off]) => d.toISOString().replace(/\.\d{3}Z$/, off));
const isoDate = instant.map((d) => d.toISOString().slice(0, 10));
const safeUrl = fc.oneof(
  fc
    .webUrl({ validSchemes: ['https'], withQueryParameters: true, withFragments: true })
    .filter((u) => u.length <= 2048),
  fc
    .emailAddress()
    .filter((e) => !e.startsWith('/'))
    .map((e) => `mailto:${e}`),
  fc.stringMatching(/^\+?[0-9]{2,15}$/).map((n) => `tel:${n}`),
);
const email = fc
  .emailAddress()
  .filter((e) => ConcernInput.safeParse({ ...concernInput, contact: { email: e } }).success);
const phone = fc.stringMatching(/^\+?[0-9][0-9 ]{2,20}$/);
const tz = fc.constantFrom('Europe/Paris', 'UTC', 'America/Martinique', 'Indian/Reunion', 'Pacific/Noumea');
const lang = fc.constantFrom('fr', 'en', 'fr-FR', 'fr-FALC', 'ar', 'tzm-Latn');

const cafeInputArb = fc
  .record(
    {
      title: lt(200),
      description: lt(4000),
      start: instant,
      minutes: fc.integer({ min: 0, max: 60 * 24 * 3 }),
      timeZone: tz,
      allDay: fc.boolean(),
      place: fc.record(
        { name: text(200), address: text(300), point: fc.option(fc.tuple(lat, lon), { nil: undefined }) },
        { requiredKeys: ['name', 'address'] },
      ),
      districtId: fc.option(id, { nil: null }),
      mode: fc.constantFrom(...CAFE_MODES),
      onlineUrl: safeUrl,
      organizer: fc.record({ name: text(200), role: text(200) }, { requiredKeys: ['name'] }),
      accessibility: lt(1000),
      languages: fc.array(lang, { maxLength: 10 }),
      url: safeUrl,
    },
    { requiredKeys: ['title', 'start', 'minutes', 'timeZone', 'place', 'mode', 'organizer', 'onlineUrl'] },
  )
  .map(({ start, minutes, place, mode, onlineUrl, ...rest }) => {
    const { point, ...placeRest } = place;
    return {
      ...rest,
      start: start.toISOString(),
      end: new Date(start.getTime() + minutes * 60_000).toISOString(),
      place: point === undefined ? placeRest : { ...placeRest, lat: point[0], lon: point[1] },
      mode,
      ...(mode === 'in-person' ? {} : { onlineUrl }),
    };
  });

const location = fc.oneof(
  fc.record({ address: text(300) }),
  fc.record({ lat, lon }),
  fc.record({ districtId: id }),
  fc.record({ address: text(300), lat, lon, districtId: id }),
);
/**
 * An attribute's key. Never `__proto__`: zod's records skip that key (so that it cannot replace the
 * parsed object's prototype), which makes it neither accepted nor refused by the schema alone — the
 * server refuses it as an unknown attribute (robustness.test.ts in the server package, and the
 * targeted rule below says what the schema does with it). fast-check draws it about once in 12,000
 * dictionaries, which made the mutation properties fail at random.
 */
const attributeKey = (key: fc.Arbitrary<string>) => key.filter((k) => k !== '__proto__');
const attributeValue = fc.oneof(
  fc.string({ maxLength: 1000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.array(fc.string({ maxLength: 200 }), { maxLength: 20 }),
);
const contact = fc
  .record(
    { name: text(200), email, phone, preferred: fc.constantFrom('email', 'phone') },
    { requiredKeys: [] },
  )
  .map((c) =>
    c.preferred !== undefined && c[c.preferred] === undefined ? { ...c, preferred: undefined } : c,
  )
  .map((c) => Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined)));
const concernInputArb = fc.record(
  {
    categoryCode: code,
    description: textUpTo(4000),
    location,
    attributes: fc.dictionary(attributeKey(fc.stringMatching(/^[A-Za-z0-9_.-]{1,64}$/)), attributeValue, {
      maxKeys: MAX_ATTRIBUTES,
    }),
    contact,
    lang: fc.constantFrom('fr', 'en'),
    honeypot: fc.string({ maxLength: 500 }),
    formStartedAt: isoDateTimeOffset,
    altcha: fc.base64String({ maxLength: 400 }),
  },
  { requiredKeys: ['categoryCode', 'description', 'location'] },
);

const priorityInputArb = fc
  .record(
    {
      issue: lt(1000),
      action: lt(2000),
      issueDate: isoDate,
      actionDate: isoDate,
      status: fc.constantFrom(...PRIORITY_STATUSES),
      districtId: id,
      sources: fc.record(
        {
          concernReferences: fc.array(reference, { maxLength: 100 }),
          cafeIds: fc.array(id, { maxLength: 100 }),
        },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: ['issue', 'issueDate', 'status'] },
  )
  .map((p) => {
    const out = { ...p };
    if (out.actionDate !== undefined && out.actionDate < out.issueDate) out.actionDate = out.issueDate;
    if (out.status === 'done' && out.action === undefined) out.action = { fr: 'Fait.' };
    return out;
  });

const triageArb = fc
  .record(
    {
      status: fc.constantFrom(...CONCERN_STATUSES),
      publicUpdate: lt(2000),
      internalNote: textUpTo(4000),
      categoryCode: code,
      duplicateOf: reference,
      quarantined: fc.boolean(),
      assigneeId: fc.option(id, { nil: null }),
    },
    { requiredKeys: [] },
  )
  .map((t) =>
    t.status === 'duplicate' && t.duplicateOf === undefined ? { ...t, duplicateOf: 'PRX-7K3M-Q9AB' } : t,
  )
  // duplicateOf goes with the status duplicate, or none.
  .map((t) =>
    t.duplicateOf !== undefined && t.status !== undefined ? { ...t, status: 'duplicate' as const } : t,
  )
  .filter((t) => Object.keys(t).length > 0);

const bulkArb = fc
  .record(
    {
      references: fc.uniqueArray(reference, { minLength: 1, maxLength: 100 }),
      status: fc.constantFrom(...CONCERN_STATUSES),
      assigneeId: fc.option(id, { nil: null }),
      publicUpdate: lt(2000),
      duplicateOf: reference,
    },
    { requiredKeys: ['references'] },
  )
  .map((t) => {
    const { duplicateOf, ...rest } = t;
    const out = rest.status === 'duplicate' ? { ...rest, duplicateOf: duplicateOf ?? 'PRX-7K3M-Q9AB' } : rest;
    return out.status === undefined && out.assigneeId === undefined && out.publicUpdate === undefined
      ? { ...out, assigneeId: null }
      : out;
  });

const tokenArb = fc.record(
  {
    name: text(100),
    scopes: fc.subarray([...ADMIN_TOKEN_SCOPES], { minLength: 1 }),
    expiresAt: isoDateTimeOffset,
  },
  { requiredKeys: ['name', 'scopes'] },
);

const countersArb = fc.record(
  {
    area: fc.constantFrom('80021', '80', '2A004', 'FR'),
    counters: fc.array(
      fc.record(
        {
          metric: fc.constantFrom(...ACTIVITY_METRICS),
          period: fc.oneof(
            fc.integer({ min: 2000, max: 2099 }).map(String),
            fc
              .tuple(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 4 }))
              .map(([y, q]) => `${y}-Q${q}`),
            fc
              .tuple(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 12 }))
              .map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`),
          ),
          value: fc.option(fc.integer({ min: 0, max: 1e9 }), { nil: null }),
          unit: text(50),
          source: fc.record(
            { type: fc.constantFrom(...ACTIVITY_SOURCE_TYPES), title: text(200), url: safeUrl },
            { requiredKeys: ['type', 'title'] },
          ),
        },
        { requiredKeys: ['metric', 'period', 'value', 'unit', 'source'] },
      ),
      { minLength: 1, maxLength: 20 },
    ),
  },
  { requiredKeys: ['counters'] },
);

const overridesArb = fc.record(
  {
    localContacts: fc.array(
      fc.record(
        {
          id,
          kind: fc.constantFrom(...LOCAL_CONTACT_KINDS),
          name: text(200),
          address: text(300),
          phone,
          email,
          url: safeUrl,
          hours: text(200),
          description: lt(1000),
        },
        { requiredKeys: ['id', 'kind', 'name'] },
      ),
      { maxLength: 5 },
    ),
    contacts: fc.array(
      fc.record(
        {
          id,
          number: fc.stringMatching(/^[0-9]{2,6}$/),
          url: safeUrl,
          label: lt(200),
          description: lt(1000),
          channels: fc.subarray([...CONTACT_CHANNELS]),
          hours: text(200),
          free: fc.boolean(),
          emergency: fc.boolean(),
          sources: fc.array(id, { maxLength: 10 }),
        },
        { requiredKeys: ['id', 'label', 'channels'] },
      ),
      { maxLength: 5 },
    ),
    disclaimer: lt(2000),
  },
  { requiredKeys: [] },
);

const open311InputArb = fc
  .record(
    {
      api_key: text(200),
      jurisdiction_id: fc.constant('amiens.fr'),
      service_code: code,
      point: fc.tuple(lat, lon),
      address_string: text(300),
      address_id: text(100),
      email,
      first_name: text(100),
      last_name: text(100),
      description: fc.string({ maxLength: 4000 }),
      attributes: fc.dictionary(
        attributeKey(fc.string({ minLength: 1, maxLength: 64 })),
        fc.oneof(fc.string({ maxLength: 1000 }), fc.array(fc.string({ maxLength: 200 }), { maxLength: 20 })),
        { maxKeys: 10 },
      ),
    },
    { requiredKeys: ['service_code'] },
  )
  .map(({ point, ...r }) => {
    // Form fields are strings on the wire.
    if (point !== undefined) return { ...r, lat: String(point[0]), long: String(point[1]) };
    if (r.address_string === undefined && r.address_id === undefined)
      return { ...r, address_string: 'Rue Motte' };
    return r;
  });

const queryArbs = {
  CafeListQuery: fc.record(
    {
      from: fc.oneof(isoDate, isoDateTimeOffset),
      to: isoDate,
      district: id,
      limit: fc.integer({ min: 1, max: 200 }).map(String),
      cursor: text(500),
    },
    { requiredKeys: [] },
  ),
  CalendarFeedQuery: fc.record({ district: id, lang: fc.constantFrom('fr', 'en') }, { requiredKeys: [] }),
  LangQuery: fc.record({ lang: fc.constantFrom('fr', 'en') }, { requiredKeys: [] }),
  ConcernStatusQuery: fc.record({ token: fc.stringMatching(/^[A-Za-z0-9_-]{16,128}$/) }),
  PriorityListQuery: fc.record(
    {
      district: id,
      status: fc.constantFrom(...PRIORITY_STATUSES),
      limit: fc.integer({ min: 1, max: 200 }).map(String),
      cursor: text(500),
    },
    { requiredKeys: [] },
  ),
  RightsQuery: fc.record({ lang: fc.constantFrom('fr', 'en') }, { requiredKeys: [] }),
  StatsQuery: fc.record(
    {
      area: fc.constantFrom('80021', '80', 'FR', '971', '2A'),
      indicators: fc
        .array(
          code.filter((c) => !c.includes('_')),
          { minLength: 1, maxLength: 5 },
        )
        .map((a) => a.join(',')),
      from: fc.integer({ min: 1990, max: 2100 }).map(String),
      to: fc.integer({ min: 1990, max: 2100 }).map(String),
    },
    { requiredKeys: [] },
  ),
  AdminConcernListQuery: fc.record(
    {
      status: fc.uniqueArray(fc.constantFrom(...CONCERN_STATUSES), { minLength: 1 }).map((a) => a.join(',')),
      category: code,
      service: id,
      district: id,
      assignee: fc.oneof(fc.constantFrom('me', 'none'), id),
      overdue: fc.constantFrom('true', 'false'),
      quarantined: fc.constantFrom('true', 'false'),
      q: text(200),
      sort: fc.constantFrom(...INBOX_SORTS),
      from: isoDate,
      to: isoDateTimeOffset,
      limit: fc.integer({ min: 1, max: 200 }).map(String),
      cursor: text(500),
    },
    { requiredKeys: [] },
  ),
  AdminConcernExportQuery: fc.record(
    {
      status: fc.constantFrom(...CONCERN_STATUSES),
      service: id,
      assignee: fc.constantFrom('me', 'none'),
      overdue: fc.constantFrom('true', 'false'),
      q: text(200),
      sort: fc.constantFrom(...INBOX_SORTS),
      contacts: fc.constantFrom('true', 'false'),
      lang: fc.constantFrom('fr', 'en'),
    },
    { requiredKeys: [] },
  ),
  AuditListQuery: fc.record(
    { after: fc.nat().map(String), limit: fc.integer({ min: 1, max: 200 }).map(String) },
    { requiredKeys: [] },
  ),
  Open311RequestsQuery: fc.record(
    {
      jurisdiction_id: fc.constant('amiens.fr'),
      service_code: code,
      start_date: isoDateTimeOffset,
      end_date: isoDateTimeOffset,
      status: fc.constantFrom('open', 'closed', 'open,closed'),
      page: fc.integer({ min: 1, max: 100 }).map(String),
      page_size: fc.integer({ min: 1, max: 1000 }).map(String),
    },
    { requiredKeys: [] },
  ),
};
const querySchemas: Record<keyof typeof queryArbs, z.ZodMiniType> = {
  CafeListQuery,
  CalendarFeedQuery,
  LangQuery,
  ConcernStatusQuery,
  PriorityListQuery,
  RightsQuery,
  StatsQuery,
  AdminConcernListQuery,
  AdminConcernExportQuery,
  AuditListQuery,
  Open311RequestsQuery,
};

// ---------------------------------------------------------------------------
// Generic mutations

type Path = (string | number)[];
type Json = unknown;

/** Every node path, skipping free-form maps (`attributes`) whose values are unions. */
function nodes(value: Json, path: Path = []): { path: Path; value: Json }[] {
  const out = [{ path, value }];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...nodes(v, [...path, i])));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) if (k !== 'attributes') out.push(...nodes(v, [...path, k]));
  }
  return out;
}

/** Every node, attributes included (whose values are free text too). */
function leaves(value: Json, path: Path = []): { path: Path; value: Json }[] {
  const out = [{ path, value }];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...leaves(v, [...path, i])));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) out.push(...leaves(v, [...path, k]));
  }
  return out;
}

function setAt(root: Json, path: Path, replacement: Json): Json {
  if (path.length === 0) return replacement;
  const copy = structuredClone(root) as Record<string | number, Json>;
  let cursor = copy;
  for (const key of path.slice(0, -1)) cursor = cursor[key] as Record<string | number, Json>;
  cursor[path[path.length - 1] as string | number] = replacement;
  return copy;
}

function wrongTypeFor(value: Json): Json {
  if (typeof value === 'string') return 42;
  if (typeof value === 'number') return 'not-a-number';
  if (typeof value === 'boolean') return 'yes';
  if (value === null) return { unexpected: true };
  return 'not-an-object';
}

function describeInput(
  name: string,
  schema: z.ZodMiniType,
  valid: fc.Arbitrary<Json>,
  numRuns = 200,
  hasArrays = true,
): void {
  describe(`${name} (input)`, () => {
    it('accepts arbitrary valid inputs', () => {
      fc.assert(
        fc.property(valid, (v) => {
          const r = schema.safeParse(v);
          assert.ok(r.success, `${JSON.stringify(v)}\n${JSON.stringify(r.error?.issues)}`);
        }),
        { numRuns },
      );
    });
    it('rejects a NUL character or a lone surrogate inserted in any string', () => {
      fc.assert(
        fc.property(
          valid,
          fc.nat(),
          fc.nat(),
          fc.constantFrom('\u0000', '\ud800', '\udbff', '\udc00', '\udfff'),
          (v, pick, at, bad) => {
            const strings = leaves(v).filter((n) => typeof n.value === 'string');
            fc.pre(strings.length > 0);
            const target = strings[pick % strings.length];
            assert.ok(target);
            const s = target.value as string;
            const i = at % (s.length + 1);
            const mutated = setAt(v, target.path, s.slice(0, i) + bad + s.slice(i));
            const r = schema.safeParse(mutated);
            assert.equal(r.success, false, `${JSON.stringify(target.path)} accepted ${JSON.stringify(bad)}`);
          },
        ),
        { numRuns },
      );
    });
    it('rejects an extra key on any object', () => {
      fc.assert(
        fc.property(valid, fc.nat(), fc.string({ minLength: 1, maxLength: 10 }), (v, pick, key) => {
          const objects = nodes(v).filter(
            (n) => n.value !== null && typeof n.value === 'object' && !Array.isArray(n.value),
          );
          const target = objects[pick % objects.length];
          assert.ok(target);
          const mutated = setAt(v, target.path, { ...(target.value as object), [`x-${key}`]: 'extra' });
          assert.equal(schema.safeParse(mutated).success, false, JSON.stringify(target.path));
        }),
        { numRuns },
      );
    });
    it('rejects any string made longer than 4000 characters', () => {
      fc.assert(
        fc.property(valid, fc.nat(), (v, pick) => {
          const strings = nodes(v).filter((n) => typeof n.value === 'string');
          fc.pre(strings.length > 0);
          const target = strings[pick % strings.length];
          assert.ok(target);
          const mutated = setAt(v, target.path, 'a'.repeat(4001));
          assert.equal(schema.safeParse(mutated).success, false, JSON.stringify(target.path));
        }),
        { numRuns },
      );
    });
    it('rejects any value of the wrong type', () => {
      fc.assert(
        fc.property(valid, fc.nat(), (v, pick) => {
          const all = nodes(v);
          const target = all[pick % all.length];
          assert.ok(target);
          const mutated = setAt(v, target.path, wrongTypeFor(target.value));
          assert.equal(schema.safeParse(mutated).success, false, JSON.stringify(target.path));
        }),
        { numRuns },
      );
    });
    // Only registered for schemas that have arrays outside free-form maps (no skipped tests).
    if (hasArrays)
      it('rejects arrays over their cap', () => {
        fc.assert(
          fc.property(valid, fc.nat(), (v, pick) => {
            const arrays = nodes(v).filter((n) => Array.isArray(n.value) && n.value.length > 0);
            fc.pre(arrays.length > 0);
            const target = arrays[pick % arrays.length];
            assert.ok(target);
            const first = (target.value as Json[])[0];
            const mutated = setAt(
              v,
              target.path,
              Array.from({ length: 1001 }, () => structuredClone(first)),
            );
            assert.equal(schema.safeParse(mutated).success, false, JSON.stringify(target.path));
          }),
          { numRuns: 50 },
        );
      });
    it('rejects a non-object body', () => {
      for (const bad of [null, 'x', 1, [], true]) assert.equal(schema.safeParse(bad).success, false);
    });
  });
}

describeInput('CafeInput', CafeInput, cafeInputArb);
describeInput(
  'CafeCancelInput',
  CafeCancelInput,
  fc.record({ reason: lt(500) }, { requiredKeys: [] }),
  200,
  false,
);
describeInput('ConcernInput', ConcernInput, concernInputArb, 200, false);
describeInput('PriorityInput', PriorityInput, priorityInputArb);
describeInput('ConcernTriageInput', ConcernTriageInput, triageArb, 200, false);
describeInput('ConcernBulkInput', ConcernBulkInput, bulkArb, 100);
describeInput('AdminTokenCreateInput', AdminTokenCreateInput, tokenArb);
describeInput('ActivityCountersInput', ActivityCountersInput, countersArb, 100);
describeInput('RightsOverrides', RightsOverrides, overridesArb, 100);
describeInput('Open311RequestInput', Open311RequestInput, open311InputArb, 200, false);

describe('query schemas (inputs)', () => {
  for (const [name, arb] of Object.entries(queryArbs)) {
    const schema = querySchemas[name as keyof typeof queryArbs];
    it(`${name}: accepts valid queries, rejects unknown parameters and oversized values`, () => {
      fc.assert(
        fc.property(
          arb as fc.Arbitrary<Record<string, string>>,
          fc.string({ minLength: 1, maxLength: 8 }),
          (q, key) => {
            assert.ok(schema.safeParse(q).success, JSON.stringify(q));
            assert.equal(schema.safeParse({ ...q, [`x-${key}`]: '1' }).success, false);
            for (const k of Object.keys(q)) {
              assert.equal(schema.safeParse({ ...q, [k]: 'a'.repeat(2001) }).success, false, k);
            }
          },
        ),
        { numRuns: 100 },
      );
    });
  }
  it('coerces numeric query parameters from strings', () => {
    assert.deepEqual(CafeListQuery.parse({ limit: '20' }), { limit: 20 });
    assert.equal(CafeListQuery.safeParse({ limit: '0' }).success, false);
    assert.equal(CafeListQuery.safeParse({ limit: '201' }).success, false);
    assert.equal(CafeListQuery.safeParse({ limit: 'abc' }).success, false);
    // Digits only: what Number() would read as 0, 16 or 100 is not a number here.
    for (const limit of ['', ' ', ' 5', '5 ', '0x10', '1e2', '5.0', '+5'])
      assert.equal(CafeListQuery.safeParse({ limit }).success, false, JSON.stringify(limit));
    assert.deepEqual(AuditListQuery.parse({ after: '0' }), { after: 0 });
    assert.equal(AuditListQuery.safeParse({ after: '' }).success, false);
    assert.equal(StatsQuery.safeParse({ from: '' }).success, false);
    assert.equal(Open311RequestsQuery.safeParse({ page: '' }).success, false);
    assert.equal(Open311RequestInput.safeParse({ service_code: 'x', lat: '', long: '' }).success, false);
    assert.deepEqual(Open311RequestInput.parse({ service_code: 'x', lat: '49.89', long: '-.5' }), {
      service_code: 'x',
      lat: 49.89,
      long: -0.5,
    });
    assert.equal(StatsQuery.safeParse({ indicators: 'a,,b' }).success, false);
  });
});

describe('targeted input rules', () => {
  it('the realistic fixtures are valid inputs', () => {
    assert.ok(CafeInput.safeParse(cafeInput).success);
    assert.ok(ConcernInput.safeParse(concernInput).success);
  });
  it('a `__proto__` key in attributes is dropped by the schema, never copied, whatever its value', () => {
    // JSON.parse makes `__proto__` an own key; the server then refuses it as an unknown attribute.
    const concern = JSON.parse(
      '{"categoryCode":"a","description":"Encombrants","location":{"address":"Rue Motte"},"attributes":{"__proto__":"a\\u0000b","ok":"x"}}',
    ) as unknown;
    const parsed = ConcernInput.safeParse(concern);
    assert.ok(parsed.success);
    assert.deepEqual(Object.keys(parsed.data.attributes ?? {}), ['ok']);
    assert.equal(Object.getPrototypeOf(parsed.data.attributes), Object.prototype);
    const form = JSON.parse(
      '{"service_code":"a","address_string":"Rue","attributes":{"__proto__":{"polluted":true}}}',
    ) as unknown;
    const open311 = Open311RequestInput.safeParse(form);
    assert.ok(open311.success);
    assert.deepEqual(Object.keys(open311.data.attributes ?? {}), []);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
  it('unsafe URLs are rejected wherever a URL goes', () => {
    const unsafe = fc.constantFrom(
      'javascript:alert(1)',
      'data:text/html,x',
      ' javascript:x',
      'vbscript:x',
      'http://example.org/',
      'JAVASCRIPT:x',
    );
    fc.assert(
      fc.property(unsafe, (u) => {
        assert.equal(CafeInput.safeParse({ ...cafeInput, url: u }).success, false);
        assert.equal(CafeInput.safeParse({ ...cafeInput, mode: 'online', onlineUrl: u }).success, false);
        assert.equal(
          RightsOverrides.safeParse({
            localContacts: [{ id: 'pm', kind: 'police-municipale', name: 'PM', url: u }],
          }).success,
          false,
        );
        assert.equal(
          ActivityCountersInput.safeParse({
            counters: [
              {
                metric: 'pm-calls',
                period: '2025',
                value: 1,
                unit: 'appel',
                source: { type: 'city-report', title: 'R', url: u },
              },
            ],
          }).success,
          false,
        );
      }),
    );
  });
  it('cafe: end before start, online without URL, lat without lon', () => {
    const r1 = CafeInput.safeParse({ ...cafeInput, end: '2026-07-07T16:00:00+02:00' });
    assert.deepEqual(
      r1.error?.issues.map((i) => i.path.join('.')),
      ['end'],
    );
    const r2 = CafeInput.safeParse({ ...cafeInput, mode: 'online' });
    assert.deepEqual(
      r2.error?.issues.map((i) => i.path.join('.')),
      ['onlineUrl'],
    );
    const r3 = CafeInput.safeParse({ ...cafeInput, place: { name: 'x', address: 'y', lat: 49.9 } });
    assert.deepEqual(
      r3.error?.issues.map((i) => i.path.join('.')),
      ['place.lon'],
    );
  });
  it('concern: location needs something; description 1..4000; attributes capped; contact consistent', () => {
    assert.equal(ConcernInput.safeParse({ ...concernInput, location: {} }).success, false);
    assert.deepEqual(
      ConcernInput.safeParse({ ...concernInput, location: { lat: 49.9 } }).error?.issues.map((i) =>
        i.path.join('.'),
      ),
      ['location.lon'],
    );
    assert.equal(ConcernInput.safeParse({ ...concernInput, description: '' }).success, false);
    assert.equal(ConcernInput.safeParse({ ...concernInput, description: 'a'.repeat(4000) }).success, true);
    assert.equal(ConcernInput.safeParse({ ...concernInput, description: 'a'.repeat(4001) }).success, false);
    const many = Object.fromEntries(Array.from({ length: MAX_ATTRIBUTES + 1 }, (_, i) => [`k${i}`, 'v']));
    assert.equal(ConcernInput.safeParse({ ...concernInput, attributes: many }).success, false);
    assert.equal(ConcernInput.safeParse({ ...concernInput, attributes: { 'bad key!': 'v' } }).success, false);
    assert.equal(
      ConcernInput.safeParse({ ...concernInput, attributes: { n: Number.POSITIVE_INFINITY } }).success,
      false,
    );
    assert.equal(
      ConcernInput.safeParse({ ...concernInput, attributes: { l: Array.from({ length: 21 }, () => 'a') } })
        .success,
      false,
    );
    assert.equal(
      ConcernInput.safeParse({ ...concernInput, attributes: { l: ['a'.repeat(201)] } }).success,
      false,
    );
    assert.equal(
      ConcernInput.safeParse({ ...concernInput, attributes: { s: 'a'.repeat(1001) } }).success,
      false,
    );
    assert.equal(
      ConcernInput.safeParse({ ...concernInput, attributes: { o: { nested: true } } }).success,
      false,
    );
    assert.equal(ConcernInput.safeParse({ ...concernInput, contact: { preferred: 'email' } }).success, false);
    assert.equal(
      ConcernInput.safeParse({ ...concernInput, contact: { email: 'not-an-email' } }).success,
      false,
    );
    assert.equal(ConcernInput.safeParse({ ...concernInput, lang: 'de' }).success, false);
    assert.equal(
      ConcernInput.safeParse({ ...concernInput, formStartedAt: '2026-05-12T19:05:00' }).success,
      false,
    );
    assert.equal(
      ConcernInput.safeParse(
        JSON.parse(`{"categoryCode":"x","description":"y","location":{"address":"z"},"__proto__":{"x":1}}`),
      ).success,
      false,
    );
  });
  it('triage: empty and duplicate without duplicateOf are rejected', () => {
    assert.equal(ConcernTriageInput.safeParse({}).success, false);
    assert.equal(ConcernTriageInput.safeParse({ status: 'duplicate' }).success, false);
    assert.equal(
      ConcernTriageInput.safeParse({ status: 'duplicate', duplicateOf: 'PRX-7K3M-Q9AB' }).success,
      true,
    );
    assert.equal(
      ConcernTriageInput.safeParse({ status: 'reopened' }).success,
      false,
      'input enums are closed',
    );
  });
  it('priority: done needs an action; actionDate after issueDate', () => {
    assert.equal(
      PriorityInput.safeParse({ issue: { fr: 'x' }, issueDate: '2026-01-02', status: 'done' }).success,
      false,
    );
    assert.equal(
      PriorityInput.safeParse({
        issue: { fr: 'x' },
        issueDate: '2026-01-02',
        actionDate: '2026-01-01',
        status: 'in-progress',
      }).success,
      false,
    );
  });
  it('tokens: unique, known scopes', () => {
    assert.equal(
      AdminTokenCreateInput.safeParse({ name: 'a', scopes: ['cafes:write', 'cafes:write'] }).success,
      false,
    );
    assert.equal(AdminTokenCreateInput.safeParse({ name: 'a', scopes: ['root'] }).success, false);
    assert.equal(AdminTokenCreateInput.safeParse({ name: 'a', scopes: [] }).success, false);
  });
  it('idempotency keys', () => {
    assert.ok(IdempotencyKey.safeParse('3b241101-e2bb-4255-8caf-4136c566a962').success);
    assert.equal(IdempotencyKey.safeParse('short').success, false);
    assert.equal(IdempotencyKey.safeParse('has a space in it').success, false);
  });
});
