/**
 * Open311 GeoReport v2 on the same store (`/open311/v2`): discovery, services, service
 * definitions, requests (POST form-encoded with api_key; GET with the spec's filters), tokens;
 * `.json` and `.xml`; errors as `[{code, description}]`; every id a string; FixMyStreet's
 * extended status in `external_status_code`.
 */
import {
  Open311JurisdictionQuery,
  Open311RequestInput,
  Open311RequestsQuery,
  toFixMyStreetStatus,
  toOpen311Status,
} from '@proximite/contract';
import type {
  ConcernCategory,
  LocalizedText,
  Open311Attribute,
  Open311Request,
  Open311Service,
} from '@proximite/contract';
import { Hono } from 'hono';
import type { Context } from 'hono';
import { AppError } from '../errors.js';
import {
  CLOSED_STATUSES,
  OPEN_STATUSES,
  getOpen311Request,
  listOpen311Requests,
  prepareConcern,
  referenceForOpen311Token,
} from '../store/concerns.js';
import type { Open311Row } from '../store/concerns.js';
import { listCategories } from '../store/content.js';
import { createRoutedConcern } from '../services/routing.js';
import { checkOpen311Key } from '../store/tokens.js';
import { toIso } from '../util.js';
import { toXml } from '../xml.js';
import type { AppDeps } from './context.js';
import type { AppEnv } from './env.js';
import { fieldErrors, open311ErrorResponse } from './problems.js';
import { rateLimit } from './rate-limit.js';
import { baseUrl } from './shared.js';
import { queryObject, unsafeText } from './validate.js';
import type { Schema } from './validate.js';

/** Where this sub-app is mounted. */
export const OPEN311_PREFIX = '/open311/v2';
const SPEC = 'http://wiki.open311.org/GeoReport_v2';
const MAX_WINDOW_DAYS = 90;

/** Splits `name.format`; throws an Open311 400 for an unknown format. */
function splitFormat(file: string): { name: string; format: 'json' | 'xml' } {
  const m = /^(.*)\.(json|xml)$/i.exec(file);
  if (m === null || m[1] === undefined || m[2] === undefined) {
    throw new AppError('badRequest', 'Add the format to the path: .json or .xml.');
  }
  return { name: m[1], format: m[2].toLowerCase() as 'json' | 'xml' };
}

function fr(t: LocalizedText | null | undefined): string | null {
  return t === null || t === undefined ? null : t.fr;
}

function send(
  format: 'json' | 'xml',
  root: string,
  value: unknown,
  items: Record<string, string>,
  cache = 'public, max-age=60',
): Response {
  const headers = { 'Cache-Control': cache };
  if (format === 'xml') {
    return new Response(toXml(root, value, items), {
      // GeoReport v2 serves XML as text/xml (its discovery document lists text/xml).
      headers: { ...headers, 'Content-Type': 'text/xml; charset=utf-8' },
    });
  }
  return new Response(JSON.stringify(value), {
    headers: { ...headers, 'Content-Type': 'application/json; charset=utf-8' },
  });
}

function serviceOf(category: ConcernCategory): Open311Service {
  return {
    service_code: category.code,
    service_name: category.label.fr,
    description: category.description?.fr ?? null,
    metadata: category.fields.length > 0,
    type: 'realtime',
    keywords:
      [category.label.en, category.group?.fr].filter((s): s is string => s !== undefined).join(',') || null,
    group: category.group?.fr ?? null,
  };
}

function attributesOf(category: ConcernCategory): Open311Attribute[] {
  return category.fields.map((f) => {
    const a: Open311Attribute = {
      variable: true,
      code: f.code,
      datatype: f.datatype,
      required: f.required,
      datatype_description: f.description?.fr ?? null,
      order: f.order,
      description: f.label.fr,
    };
    if (f.values !== undefined) a.values = f.values.map((v) => ({ key: v.key, name: v.name.fr }));
    return a;
  });
}

function requestOf(row: Open311Row, publicDetails: boolean): Open311Request {
  const r: Open311Request = {
    service_request_id: row.reference,
    status: toOpen311Status(row.status),
    status_notes: fr(row.last_update),
    service_name: fr(row.category_label) ?? row.category_code,
    service_code: row.category_code,
    description: publicDetails ? row.description : null,
    agency_responsible: row.service.name.fr,
    service_notice: null,
    requested_datetime: toIso(row.submitted_at),
    updated_datetime: toIso(row.updated_at),
    expected_datetime: null,
    address: publicDetails ? (row.location.address ?? null) : null,
    address_id: publicDetails ? (row.location.addressId ?? null) : null,
    zipcode: null,
    lat: publicDetails ? (row.location.lat ?? null) : null,
    long: publicDetails ? (row.location.lon ?? null) : null,
    media_url: null,
    external_status_code: toFixMyStreetStatus(row.status),
  };
  return r;
}

/** `attribute[code]=v` and `attribute[code][]=v` folded into `attributes`; other keys kept (repeats are an error). */
export function foldForm(params: URLSearchParams): Record<string, unknown> {
  // Null prototypes: `__proto__` is a key like any other (refused as unknown), never a setter.
  const out = Object.create(null) as Record<string, unknown>;
  const attributes = Object.create(null) as Record<string, string | string[]>;
  for (const [key, value] of params) {
    const m = /^attribute\[([^\]]*)\](\[\])?$/.exec(key);
    if (m !== null) {
      const code = m[1] ?? '';
      if (m[2] !== undefined) {
        const list = attributes[code];
        attributes[code] = Array.isArray(list) ? [...list, value] : [value];
      } else {
        if (Object.hasOwn(attributes, code))
          throw new AppError('badRequest', `attribute[${code}] is repeated.`);
        attributes[code] = value;
      }
      continue;
    }
    if (Object.hasOwn(out, key)) throw new AppError('badRequest', `${key} is repeated.`);
    out[key] = value;
  }
  if (Object.keys(attributes).length > 0) out.attributes = attributes;
  return out;
}

function checkJurisdiction(deps: AppDeps, value: string | undefined): void {
  if (
    value !== undefined &&
    deps.config.jurisdictionId !== undefined &&
    value !== deps.config.jurisdictionId
  ) {
    throw new AppError('notFound', `jurisdiction_id ${value} is not served here.`);
  }
}

function parse<T>(schema: Schema<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success)
    throw new AppError('badRequest', 'Invalid parameters.', { errors: fieldErrors(result.error.issues) });
  const unsafe = unsafeText(value);
  if (unsafe !== undefined) throw new AppError('badRequest', 'Invalid parameters.', { errors: [unsafe] });
  return result.data;
}

export function open311App(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { db } = deps;

  const jurisdictionQuery = (c: Context) => {
    const q = parse(Open311JurisdictionQuery, queryObject(c));
    checkJurisdiction(deps, q.jurisdiction_id);
  };

  app.get('/:file', async (c) => {
    const { name, format } = splitFormat(c.req.param('file'));
    if (name === 'discovery') {
      jurisdictionQuery(c);
      const base = `${baseUrl(deps, c)}${OPEN311_PREFIX}`;
      const body = {
        changeset: '2026-11-22T00:00:00Z',
        contact: 'Voir la page « Proximité » du site de la ville / See the city website.',
        key_service: 'API keys are issued by the city (proximite open311-key create).',
        endpoints: [
          {
            specification: SPEC,
            url: base,
            changeset: '2026-11-22T00:00:00Z',
            type: 'production',
            formats: ['application/json', 'text/xml'],
          },
        ],
      };
      return send(format, 'discovery', body, { endpoints: 'endpoint', formats: 'format' });
    }
    if (name === 'services') {
      jurisdictionQuery(c);
      const services = (await listCategories(db)).filter((cat) => cat.emergency === undefined).map(serviceOf);
      return send(format, 'services', services, { services: 'service' });
    }
    if (name === 'requests') {
      const q = parse(Open311RequestsQuery, queryObject(c));
      checkJurisdiction(deps, q.jurisdiction_id);
      const now = deps.clock();
      const end = q.end_date !== undefined ? new Date(q.end_date) : now;
      const start =
        q.start_date !== undefined
          ? new Date(q.start_date)
          : new Date(end.getTime() - MAX_WINDOW_DAYS * 86400_000);
      if (end.getTime() < start.getTime()) throw new AppError('badRequest', 'end_date is before start_date.');
      if (end.getTime() - start.getTime() > MAX_WINDOW_DAYS * 86400_000) {
        throw new AppError(
          'badRequest',
          `start_date and end_date may be at most ${MAX_WINDOW_DAYS} days apart.`,
        );
      }
      const statuses = q.status?.split(',');
      const pageSize = q.page_size ?? 1000;
      const rows = await listOpen311Requests(db, {
        references: q.service_request_id
          ?.split(',')
          .map((s) => s.trim())
          .filter((s) => s !== ''),
        serviceCodes: q.service_code
          ?.split(',')
          .map((s) => s.trim())
          .filter((s) => s !== ''),
        start,
        end,
        statuses:
          statuses === undefined || statuses.length === 2
            ? undefined
            : statuses[0] === 'open'
              ? OPEN_STATUSES
              : CLOSED_STATUSES,
        limit: pageSize,
        offset: ((q.page ?? 1) - 1) * pageSize,
      });
      return send(
        format,
        'service_requests',
        rows.map((r) => requestOf(r, deps.config.open311PublicDetails)),
        {
          service_requests: 'request',
        },
      );
    }
    throw new AppError('notFound', 'Unknown Open311 resource.');
  });

  app.get('/services/:file', async (c) => {
    const { name, format } = splitFormat(c.req.param('file'));
    jurisdictionQuery(c);
    const category = (await listCategories(db)).find(
      (cat) => cat.code === name && cat.emergency === undefined,
    );
    if (category === undefined) throw new AppError('notFound', `No service ${name}.`);
    return send(
      format,
      'service_definition',
      { service_code: category.code, attributes: attributesOf(category) },
      {
        attributes: 'attribute',
        values: 'value',
      },
    );
  });

  app.get('/requests/:file', async (c) => {
    const { name, format } = splitFormat(c.req.param('file'));
    jurisdictionQuery(c);
    const row = await getOpen311Request(db, name);
    if (row === undefined) throw new AppError('notFound', `No service request ${name}.`);
    return send(format, 'service_requests', [requestOf(row, deps.config.open311PublicDetails)], {
      service_requests: 'request',
    });
  });

  app.get('/tokens/:file', async (c) => {
    const { name, format } = splitFormat(c.req.param('file'));
    jurisdictionQuery(c);
    const reference = /^[A-Za-z0-9_-]{1,64}$/.test(name)
      ? await referenceForOpen311Token(db, name)
      : undefined;
    if (reference === undefined) throw new AppError('notFound', `No token ${name}.`);
    return send(format, 'service_requests', [{ service_request_id: reference, token: name }], {
      service_requests: 'request',
    });
  });

  app.post('/:file', async (c) => {
    const { name, format } = splitFormat(c.req.param('file'));
    if (name !== 'requests') throw new AppError('notFound', 'Only requests can be posted.');
    await rateLimit(deps, c);
    const type = c.req.header('Content-Type') ?? '';
    if (!/^application\/x-www-form-urlencoded\s*(?:;.*)?$/i.test(type.trim())) {
      throw new AppError('badRequest', 'Send the request as application/x-www-form-urlencoded.');
    }
    const form = foldForm(new URLSearchParams(await c.req.text()));
    const apiKey = typeof form.api_key === 'string' ? form.api_key : undefined;
    if (apiKey === undefined || (await checkOpen311Key(db, apiKey)) === undefined) {
      return open311ErrorResponse(c, 403, [{ code: 403, description: 'A valid api_key is required.' }]);
    }
    const input = parse(Open311RequestInput, form);
    checkJurisdiction(deps, input.jurisdiction_id);
    const location: { address?: string; lat?: number; lon?: number; addressId?: string } = {};
    if (input.address_string !== undefined) location.address = input.address_string;
    if (input.lat !== undefined && input.long !== undefined) {
      location.lat = input.lat;
      location.lon = input.long;
    }
    if (input.address_id !== undefined) location.addressId = input.address_id;
    const name2 = [input.first_name, input.last_name].filter((s) => s !== undefined && s !== '').join(' ');
    const contact =
      input.email !== undefined || input.phone !== undefined || name2 !== ''
        ? {
            ...(name2 !== '' ? { name: name2 } : {}),
            ...(input.email !== undefined ? { email: input.email } : {}),
            ...(input.phone !== undefined && input.phone !== '' ? { phone: input.phone } : {}),
          }
        : undefined;
    const now = deps.clock();
    // Checked, routed and stored in one transaction: the route read is the one stored.
    const created = await db.transaction(async (tx) => {
      const prepared = await prepareConcern(tx, {
        categoryCode: input.service_code,
        // As sent: a key the schema strips (`__proto__`) is refused as unknown, like any other.
        attributes: form.attributes as Record<string, string | string[]> | undefined,
        location,
      });
      return createRoutedConcern(tx, now, deps.outbox, prepared, {
        categoryCode: prepared.category.code,
        description: input.description ?? '',
        location,
        attributes: input.attributes,
        contact,
        quarantineReasons: [],
        channel: 'open311',
      });
    });
    const body = [
      {
        service_request_id: created.reference,
        token: created.open311Token,
        service_notice: `Transmis à : ${created.service.name.fr}`,
        account_id: null,
      },
    ];
    return send(format, 'service_requests', body, { service_requests: 'request' }, 'no-store');
  });

  return app;
}
