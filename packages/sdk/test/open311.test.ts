/**
 * The Open311 adapter against recorded, real-shaped GeoReport v2 responses (the spec's examples,
 * with numeric IDs as real servers send them, and FixMyStreet's extended statuses).
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { BadRequestError, ForbiddenError, ServerError, UnsupportedOperationError } from '@proximite/sdk';
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createOpen311Client, open311Form, open311Status } from '@proximite/sdk/adapters/open311.js';
import { json, startFixture, type Fixture } from './helpers.js';

const recorded = (name: string): string =>
  readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'open311', name), 'utf8');

/** Serves `files` by path (`/open311/v2/services.xml` → `services.xml`) with their media type. */
function serve(files: Record<string, string>, status: Record<string, number> = {}) {
  return (req: { url: string; method: string }, res: ServerResponse) => {
    const path = new URL(req.url, 'http://x').pathname.replace('/open311/v2/', '');
    const name = files[`${req.method} ${path}`] ?? files[path];
    if (name === undefined) return json(res, 404, [{ code: 404, description: `no ${path}` }]);
    res.writeHead(status[path] ?? 200, {
      'content-type': name.endsWith('.xml') ? 'text/xml; charset=utf-8' : 'application/json',
    });
    res.end(recorded(name));
  };
}

// Recorded shapes (GeoReport_v2/index.md examples; FixMyStreet's read-only server).
const SERVICES = [
  {
    service_code: 1,
    service_name: 'Cans left out 24x7',
    description: 'Garbage or recycling cans that have been left out for more than 24 hours after collection.',
    metadata: false,
    type: 'realtime',
    keywords: 'lorem, ipsum, dolor',
    group: 'sanitation',
  },
  {
    service_code: '002',
    service_name: 'Construction plate shifted',
    description: 'Metal construction plate covering the street or sidewalk has been moved.',
    metadata: true,
    type: 'realtime',
    keywords: 'lorem, ipsum, dolor',
    group: 'street',
  },
];
const DEFINITION = {
  service_code: '002',
  attributes: [
    {
      variable: true,
      code: 'WHISHETN',
      datatype: 'singlevaluelist',
      required: true,
      datatype_description: null,
      order: 2,
      description: 'What is the ticket/tag/DL number?',
      values: [
        { key: 123, name: 'Ford' },
        { key: 124, name: 'Chrysler' },
      ],
    },
    {
      variable: false,
      code: 'NOTE',
      datatype: 'text',
      required: false,
      datatype_description: null,
      order: 0,
      description: 'Plates are checked daily.',
    },
    {
      variable: true,
      code: 'SIDES',
      datatype: 'multivaluelist',
      required: false,
      datatype_description: 'Every side concerned',
      order: 1,
      description: 'Which sides?',
      values: [
        { key: 'n', name: 'North' },
        { key: 's', name: 'South' },
      ],
    },
  ],
};
const REQUEST = {
  service_request_id: 638344,
  status: 'closed',
  status_notes: 'Duplicate request.',
  service_name: 'Sidewalk and Curb Issues',
  service_code: '006',
  description: null,
  agency_responsible: null,
  service_notice: null,
  requested_datetime: '2010-04-14T06:37:38-08:00',
  updated_datetime: '2010-04-14T06:37:38-08:00',
  expected_datetime: '2010-04-15T06:37:38-08:00',
  address: '8TH AVE and JUDAH ST',
  address_id: '545483',
  zipcode: 94122,
  lat: 37.762221815,
  long: -122.4651145,
  media_url: 'http://city.gov.s3.amazonaws.com/requests/media/638344.jpg',
  external_status_code: 'DUPLICATE',
};

let fx: Fixture;
before(async () => {
  fx = await startFixture();
});
after(() => fx.close());
beforeEach(() => {
  fx.requests.length = 0;
});

const open311 = () =>
  createOpen311Client({
    baseUrl: `${fx.url}/open311/v2`,
    apiKey: 'key-xyz',
    jurisdictionId: 'amiens.fr',
    retry: { limit: 2, backoffLimit: 10 },
  });

describe('Open311 adapter (recorded responses)', () => {
  it('services and definitions become categories with ordered fields; numeric ids become strings', async () => {
    fx.handle((req, res) => {
      const path = new URL(req.url, fx.url).pathname;
      if (path === '/open311/v2/services.json') json(res, 200, SERVICES);
      else if (path === '/open311/v2/services/002.json') json(res, 200, DEFINITION);
      else json(res, 404, [{ code: 404, description: 'not found' }]);
    });
    const categories = await open311().concerns.categories();
    assert.deepEqual(
      categories.map((c) => [c.code, c.label.fr, c.group?.fr, c.fields.map((f) => f.code)]),
      [
        ['1', 'Cans left out 24x7', 'sanitation', []],
        ['002', 'Construction plate shifted', 'street', ['SIDES', 'WHISHETN']],
      ],
    );
    const whish = categories[1]!.fields[1]!;
    assert.equal(whish.required, true);
    assert.equal(whish.datatype, 'singlevaluelist');
    assert.deepEqual(whish.values, [
      { key: '123', name: { fr: 'Ford' } },
      { key: '124', name: { fr: 'Chrysler' } },
    ]);
    assert.equal(categories[1]!.fields[0]!.description?.fr, 'Every side concerned');
    assert.ok(fx.requests.every((r) => r.url.includes('jurisdiction_id=amiens.fr')));
  });

  it('submit posts the form (address_string, attribute[code], api_key) once; token → id', async () => {
    fx.handle((req, res) => {
      const path = new URL(req.url, fx.url).pathname;
      if (req.method === 'POST')
        json(res, 200, [{ token: '12345', service_notice: 'Transmis', account_id: null }]);
      else if (path === '/open311/v2/tokens/12345.json')
        json(res, 200, [{ service_request_id: 638344, token: '12345' }]);
      else json(res, 404, [{ code: 404, description: 'no' }]);
    });
    const receipt = await open311().concerns.submit({
      categoryCode: '002',
      description: 'Plaque déplacée',
      location: { address: '8 rue de Noyon, Amiens', lat: 49.89, lon: 2.3 },
      attributes: { WHISHETN: '123', SIDES: ['n', 's'] },
      contact: { name: 'Camille Le Martin', email: 'camille@example.fr', phone: '+33 6 00 00 00 00' },
    });
    assert.equal(receipt.reference, '638344');
    assert.equal(receipt.statusToken, '12345');
    assert.equal(
      receipt.service.name.fr,
      '002',
      'the service, not the notice (its name once categories() ran)',
    );
    assert.equal(receipt.notice?.fr, 'Transmis', 'service_notice is a notice');
    const post = fx.requests[0]!;
    assert.equal(post.url, '/open311/v2/requests.json');
    assert.match(String(post.headers['content-type']), /application\/x-www-form-urlencoded/);
    assert.equal(post.headers['idempotency-key'], undefined);
    const form = new URLSearchParams(post.body);
    assert.equal(form.get('api_key'), 'key-xyz');
    assert.equal(form.get('jurisdiction_id'), 'amiens.fr');
    assert.equal(form.get('service_code'), '002');
    assert.equal(form.get('address_string'), '8 rue de Noyon, Amiens');
    assert.equal(form.get('lat'), '49.89');
    assert.equal(form.get('long'), '2.3');
    assert.equal(form.get('attribute[WHISHETN]'), '123');
    assert.deepEqual(form.getAll('attribute[SIDES][]'), ['n', 's']);
    assert.equal(form.get('first_name'), 'Camille');
    assert.equal(form.get('last_name'), 'Le Martin');
    assert.equal(form.get('email'), 'camille@example.fr');
    assert.equal(form.has('address'), false, 'requests send address_string, never address');
  });

  it('a token without an id yet is the reference; status() exchanges it later', async () => {
    let assigned = false;
    fx.handle((req, res) => {
      const path = new URL(req.url, fx.url).pathname;
      if (req.method === 'POST') json(res, 200, [{ token: 'T-9' }]);
      else if (path === '/open311/v2/tokens/T-9.json')
        assigned
          ? json(res, 200, [{ service_request_id: '638344', token: 'T-9' }])
          : json(res, 404, [{ code: 404, description: 'pending' }]);
      else if (path === '/open311/v2/requests/638344.json') json(res, 200, [REQUEST]);
      else json(res, 404, [{ code: 404, description: 'no' }]);
    });
    const client = open311();
    const receipt = await client.concerns.submit({
      categoryCode: '1',
      description: 'x',
      location: { lat: 1, lon: 2 },
    });
    assert.equal(receipt.reference, 'token:T-9');
    assigned = true;
    const status = await client.concerns.status(receipt.reference, receipt.statusToken);
    assert.equal(status.reference, '638344');
    assert.equal(status.status, 'duplicate', 'FixMyStreet extended status wins over open/closed');
    assert.equal(status.updates[0]?.text.fr, 'Duplicate request.');
    assert.equal(status.submittedAt, '2010-04-14T06:37:38-08:00');
  });

  it('statuses: FixMyStreet extended codes, then open/closed', () => {
    assert.equal(open311Status({ status: 'open', external_status_code: 'IN_PROGRESS' }), 'in-progress');
    assert.equal(open311Status({ status: 'open', external_status_code: 'INVESTIGATING' }), 'in-progress');
    assert.equal(open311Status({ status: 'closed', external_status_code: 'FIXED' }), 'resolved');
    assert.equal(
      open311Status({ status: 'closed', external_status_code: 'NOT_COUNCILS_RESPONSIBILITY' }),
      'not-responsible',
    );
    assert.equal(open311Status({ status: 'closed', external_status_code: 'NO_FURTHER_ACTION' }), 'closed');
    assert.equal(
      open311Status({ status: 'open', external_status_code: 'ACTION_SCHEDULED' }),
      'action-scheduled',
    );
    assert.equal(open311Status({ status: 'open', external_status_code: 'SOMETHING_NEW' }), 'received');
    assert.equal(open311Status({ status: 'open' }), 'received');
    assert.equal(open311Status({ status: 'closed', external_status_code: null }), 'closed');
  });

  it('Open311 error arrays become typed errors; a POST is never retried', async () => {
    fx.handle((_req, res) => json(res, 400, [{ code: 400, description: 'service_code 999 not found' }]));
    const error = await open311()
      .concerns.submit({ categoryCode: '999', description: 'x', location: { address: 'a' } })
      .catch((e: unknown) => e);
    assert.ok(error instanceof BadRequestError);
    assert.equal(error.problem.detail, 'service_code 999 not found');
    assert.ok(!JSON.stringify(error).includes('key-xyz'), 'the api_key is never in an error');
    fx.handle((_req, res) => json(res, 403, [{ code: 403, description: 'Invalid api_key' }]));
    await assert.rejects(
      open311().concerns.submit({ categoryCode: '1', description: 'x', location: { address: 'a' } }),
      ForbiddenError,
    );
    fx.requests.length = 0;
    fx.handle((_req, res) => json(res, 503, [{ code: 503, description: 'down' }]));
    await assert.rejects(
      open311().concerns.submit({ categoryCode: '1', description: 'x', location: { address: 'a' } }),
      ServerError,
    );
    assert.equal(fx.requests.length, 1);
  });

  it('an XML endpoint (the format GeoReport v2 requires): services, definitions, a numeric token, a request', async () => {
    fx.handle(
      serve({
        'services.xml': 'services.xml',
        'services/002.xml': 'service-002.xml',
        'POST requests.xml': 'post-token.xml',
        'tokens/12345.xml': 'token-12345.xml',
        'requests/638344.xml': 'request-638344.xml',
      }),
    );
    const client = createOpen311Client({ baseUrl: `${fx.url}/open311/v2`, format: 'xml', apiKey: 'k' });
    const categories = await client.concerns.categories();
    assert.deepEqual(
      categories.map((c) => [c.code, c.label.fr, c.group?.fr, c.fields.map((f) => f.code)]),
      [
        ['001', 'Dépôt sauvage', 'propreté', []],
        ['002', 'Stationnement gênant', 'voirie', ['VEHICULE']],
      ],
    );
    assert.deepEqual(categories[1]!.fields[0]!.values, [
      { key: '1', name: { fr: 'Voiture' } },
      { key: '2', name: { fr: 'Camion & remorque' } },
    ]);
    assert.equal(categories[1]!.fields[0]!.required, true, '"true" in XML is true');
    const receipt = await client.concerns.submit({
      categoryCode: '002',
      description: 'Voiture sur le trottoir',
      location: { lat: 49.89, lon: 2.3 },
    });
    assert.equal(receipt.reference, '638344', 'the numeric token exchanged for the id');
    assert.equal(receipt.statusToken, '12345');
    assert.equal(receipt.service.name.fr, 'Stationnement gênant');
    assert.equal(receipt.notice?.fr, 'La police municipale passera sous 48 heures.');
    const status = await client.concerns.status('638344', '12345');
    assert.equal(status.status, 'received');
    assert.equal(status.updates[0]?.text.fr, 'Un agent est passé ce matin.');
    assert.equal(status.service.name.fr, 'Police municipale');
    assert.ok(
      fx.requests.every((r) => /\.xml(\?|$)/.test(r.url)),
      'every path ends in .xml',
    );
    assert.match(String(fx.requests[0]!.headers.accept), /^text\/xml/);
  });

  it('XML errors become typed errors with their description', async () => {
    fx.handle(serve({ 'POST requests.xml': 'error-403.xml' }, { 'requests.xml': 403 }));
    const error = await createOpen311Client({ baseUrl: `${fx.url}/open311/v2`, format: 'xml' })
      .concerns.submit({ categoryCode: '1', description: 'x', location: { address: 'a' } })
      .catch((e: unknown) => e);
    assert.ok(error instanceof ForbiddenError);
    assert.equal(error.problem.detail, 'api_key inconnue');
  });

  it('the specification’s numeric ids and tokens in JSON validate (a token, then its id)', async () => {
    fx.handle(serve({ 'POST requests.json': 'post-numeric.json', 'tokens/12345.json': 'token-12345.xml' }));
    const receipt = await open311().concerns.submit({
      categoryCode: '002',
      description: 'x',
      location: { address: '12 rue Saint-Leu' },
    });
    assert.equal(receipt.statusToken, '12345');
    assert.equal(receipt.reference, '638344', 'an XML answer to a .json path is read too');
  });

  it('FixMyStreet’s variants: wrapped JSON lists, "false" as a string, agency_responsible as { recipient }', async () => {
    fx.handle(
      serve({
        'services.json': 'fixmystreet-services.json',
        'requests/1234.json': 'fixmystreet-request.json',
      }),
    );
    const categories = await open311().concerns.categories();
    assert.deepEqual(
      categories.map((c) => [c.code, c.fields.length]),
      [
        ['Nids-de-poule', 0],
        ['Tags', 0],
      ],
    );
    const status = await open311().concerns.status('1234', '');
    assert.equal(status.status, 'closed');
    assert.equal(status.service.name.fr, 'Amiens Métropole');
    fx.handle(serve({ 'requests/1234.xml': 'fixmystreet-request.xml' }));
    const xml = await createOpen311Client({ baseUrl: `${fx.url}/open311/v2`, format: 'xml' }).concerns.status(
      '1234',
      '',
    );
    assert.deepEqual(xml, status, 'the XML and the JSON of FixMyStreet read the same');
  });

  it('what city endpoints send beside the specification: bare 001 ids in JSON, <attribute> without <attributes>, a bare <error>', async () => {
    fx.handle(
      serve(
        {
          'services.json': 'services-leading-zero.json',
          'services/003.json': 'service-unwrapped.xml',
          'POST requests.json': 'error-bare.xml',
        },
        { 'requests.json': 403 },
      ),
    );
    const categories = await open311().concerns.categories();
    assert.deepEqual(
      categories.map((c) => [c.code, c.fields.map((f) => f.label.fr)]),
      [
        ['001', []],
        ['003', ['Numéro de la plaque ?']],
      ],
      'the ids keep their leading zeros',
    );
    const error = await open311()
      .concerns.submit({ categoryCode: '003', description: 'x', location: { address: 'a' } })
      .catch((e: unknown) => e);
    assert.ok(error instanceof ForbiddenError);
    assert.equal(error.problem.detail, 'api_key invalide : la demande n’est pas créée.');
  });

  it('form encoding of every field; other resources are unsupported', async () => {
    const form = open311Form(
      { categoryCode: 'c', description: 'd', location: { districtId: 'x' }, attributes: { n: 4 } },
      {},
    );
    assert.equal(form.toString(), 'service_code=c&description=d&attribute%5Bn%5D=4');
    const client = open311();
    await assert.rejects(client.cafes.list(), UnsupportedOperationError);
    await assert.rejects(client.rights.get(), UnsupportedOperationError);
    assert.throws(() => client.cafes.icsUrl(), UnsupportedOperationError);
    assert.throws(() => createOpen311Client({ baseUrl: '' }), TypeError);
  });
});
