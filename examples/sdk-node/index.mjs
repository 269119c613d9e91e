#!/usr/bin/env node
// Proximité from a Node script, with the typed SDK as an application installs it:
// lists the next cafés, then reports a concern and reads its status.
//
//   node examples/sdk-node/index.mjs [baseUrl] [--no-submit] [--invalid]
//
// baseUrl defaults to $PROXIMITE_API, else http://127.0.0.1:8787 (what `npm start` serves).
// --no-submit only lists the cafés; --invalid sends a concern without a location, to show how the
// server's field errors come back (UnprocessableError).
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ProximiteError, RateLimitedError, UnprocessableError, createClient } from '@proximite/sdk';

const args = process.argv.slice(2);
const baseUrl = args.find((a) => !a.startsWith('--')) ?? process.env.PROXIMITE_API ?? 'http://127.0.0.1:8787';
const client = createClient({ baseUrl, lang: 'fr' });

const when = (cafe) =>
  new Intl.DateTimeFormat('fr-FR', {
    timeZone: cafe.timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(cafe.start));

/** 1. The next cafés (one page; `client.cafes.iterate()` walks every page). */
async function listCafes() {
  const page = await client.cafes.list({ limit: 5 });
  console.log(`Prochains cafés / Next cafés (${baseUrl}):`);
  if (page.items.length === 0) console.log('  (aucun / none)');
  for (const cafe of page.items) {
    const cancelled = cafe.status === 'cancelled' ? ' [ANNULÉ / CANCELLED]' : '';
    console.log(`  • ${when(cafe)} — ${cafe.title.fr} — ${cafe.place.name}${cancelled}`);
    console.log(`    ${client.cafes.icsUrl({ id: cafe.id })}`);
  }
}

/** An answer to a required field of a category that does not trip its emergency stopper. */
function answer(field) {
  const keys = (field.values ?? []).map((v) => v.key).filter((k) => k !== field.stopper?.whenValue);
  if (field.datatype === 'singlevaluelist') return keys[0];
  if (field.datatype === 'multivaluelist') return keys.slice(0, 1);
  if (field.datatype === 'number') return 1;
  if (field.datatype === 'datetime') return new Date().toISOString();
  return 'Exemple';
}

/** 2. A concern, sent with one idempotency key reused on every retry (never a duplicate). */
async function reportConcern({ invalid }) {
  const categories = await client.concerns.categories();
  const category =
    categories.find((c) => c.code === 'depots-sauvages') ?? categories.find((c) => c.emergency === undefined);
  if (category === undefined) throw new Error('This server offers no category a form can submit.');
  const attributes = Object.fromEntries(
    category.fields.filter((f) => f.required).map((f) => [f.code, answer(f)]),
  );
  const input = {
    categoryCode: category.code,
    description: 'Exemple du SDK Node (examples/sdk-node) : signalement de test, à ignorer.',
    ...(invalid ? {} : { location: { address: 'Rue de la République, 80000 Amiens' } }),
    ...(Object.keys(attributes).length > 0 && { attributes }),
    lang: 'fr',
  };
  const idempotencyKey = randomUUID();
  for (let attempt = 1; ; attempt++) {
    try {
      return await client.concerns.submit(input, { idempotencyKey });
    } catch (error) {
      if (error instanceof RateLimitedError && attempt < 3) {
        const seconds = error.retryAfter ?? 60;
        console.log(`Trop de signalements / Rate limited: nouvel essai dans ${seconds} s…`);
        await sleep(seconds * 1000);
        continue; // same key: if the first attempt was stored after all, the server replays it
      }
      throw error;
    }
  }
}

try {
  await listCafes();
  if (!args.includes('--no-submit')) {
    const receipt = await reportConcern({ invalid: args.includes('--invalid') });
    console.log(`Signalement reçu / Concern received: ${receipt.reference} (${receipt.service.name.fr})`);
    console.log(`Suivi / Status link: ${receipt.statusUrl ?? `${baseUrl}/v1/concerns/${receipt.reference}`}`);
    const status = await client.concerns.status(receipt.reference, receipt.statusToken);
    console.log(`Statut / Status: ${status.status}`);
  }
} catch (error) {
  if (error instanceof UnprocessableError) {
    console.error(`Signalement refusé / Concern rejected: ${error.problem.title}`);
    for (const e of error.problem.errors ?? []) console.error(`  - ${e.path || '(body)'}: ${e.message}`);
  } else if (error instanceof ProximiteError) {
    // ApiError (with status and requestId), NetworkError, TimeoutError, ResponseValidationError…
    console.error(`${error.name}: ${error.message}${error.requestId ? ` (request ${error.requestId})` : ''}`);
  } else {
    throw error;
  }
  process.exitCode = 1;
}
