import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Cafe, CafeConcernInput } from '@proximite/contract';
import { UnprocessableError } from '@proximite/sdk/errors.js';
import { defineElement } from '@proximite/widgets/kit/define.js';
import { apiError, fakeClient, fakeContext } from '../test-fixtures/client.js';
import { FieldPageObject } from '../test-fixtures/field.page.js';
import type { Lookups } from '../shared/lookups.js';
import { FIELD_KIT_KEY } from './field.controller.js';
import { StaffField } from './staff-field.js';

defineElement('prox-staff-field', StaffField);

// Friday 5 December 2026, 10:00 in Amiens.
const NOW = new Date('2026-12-05T09:00:00Z');

const cafe = (id: string, start: string, place: string): Cafe =>
  ({
    id,
    title: { fr: 'Un café avec un policier', en: 'Coffee with a police officer' },
    start,
    end: start,
    timeZone: 'Europe/Paris',
    allDay: false,
    place: { name: place, address: `${place}, 80000 Amiens` },
    districtId: 'saint-leu',
    mode: 'in-person',
    organizer: { name: 'Police municipale' },
    languages: ['fr'],
    status: 'scheduled',
    sequence: 0,
    updatedAt: start,
  }) as Cafe;

const CAFES = [
  cafe('cafe-don', '2026-12-05T09:00:00+01:00', 'place du Don'),
  cafe('cafe-parmentier', '2026-12-05T14:00:00+01:00', 'place Parmentier'),
];

interface Sent {
  cafeId: string;
  note: CafeConcernInput;
  key: string | undefined;
}

let run = 0;

async function mount({
  cafes = async () => ({ items: CAFES, nextCursor: null }),
  note = async () => ({}),
  lang = 'fr',
  storage = `field-test-${Date.now()}-${run++}`,
  lookups,
}: {
  cafes?: () => Promise<unknown>;
  note?: (sent: Sent) => Promise<unknown>;
  lang?: string;
  storage?: string;
  lookups?: () => Promise<Lookups>;
} = {}) {
  StaffField.storageName = storage;
  const sent: Sent[] = [];
  let n = 0;
  const client = fakeClient({
    cafes: {
      list: cafes,
      noteConcern: async (cafeId: string, input: CafeConcernInput, o: { idempotencyKey?: string }) => {
        const s = { cafeId, note: input, key: o.idempotencyKey };
        sent.push(s);
        await note(s);
        n += 1;
        return {
          reference: `PRX-FELD-000${n}`,
          statusToken: 'x'.repeat(24),
          service: { id: 'tranquillite-publique', name: { fr: 'Tranquillité publique' } },
          status: 'received',
          submittedAt: NOW.toISOString(),
        };
      },
    },
  });
  const context = fakeContext(client, { now: NOW });
  if (lookups) context.lookups = lookups;
  const el = await fixture<StaffField>(
    html`<prox-staff-field
      lang=${lang}
      .context=${context}
      .route=${{ section: 'field', params: {} }}
    ></prox-staff-field>`,
  );
  return { el, page: new FieldPageObject(el), sent, context, storage };
}

describe('<prox-staff-field>', () => {
  afterEach(() => localStorage.removeItem(FIELD_KIT_KEY));

  it('loading, then today’s cafés with the first chosen; accessible in both states', async () => {
    let release!: (v: unknown) => void;
    const { el, page } = await mount({ cafes: () => new Promise((r) => (release = r)) });
    expect(page.state).to.equal('loading');
    await expect(el).to.be.accessible();
    release({ items: CAFES, nextCursor: null });
    await waitUntil(() => page.state === 'form', 'the form shows');
    expect(page.cafes).to.deep.equal([
      '09:00, place du Don — Un café avec un policier',
      '14:00, place Parmentier — Un café avec un policier',
    ]);
    expect(page.chosenCafe).to.contain('place du Don');
    expect(page.labels).to.include('L’habitant accepte d’être recontacté à ce sujet');
    await expect(el).to.be.accessible();
  });

  it('no café today: says so (fr and en), accessible', async () => {
    for (const lang of ['fr', 'en']) {
      const { el, page } = await mount({ cafes: async () => ({ items: [], nextCursor: null }), lang });
      await waitUntil(() => page.state === 'empty');
      expect(page.stateText).to.equal(
        lang === 'fr' ? 'Aucun café n’est prévu aujourd’hui.' : 'No café is planned today.',
      );
      await expect(el).to.be.accessible();
    }
  });

  it('an error loading the cafés is said, with a retry that works; accessible', async () => {
    let fail = true;
    const { el, page } = await mount({
      cafes: async () => {
        if (fail) throw apiError(503);
        return { items: CAFES, nextCursor: null };
      },
    });
    await waitUntil(() => page.state === 'error');
    expect(page.$('.state--error')?.textContent).to.contain('Les cafés du jour n’ont pas pu être chargés.');
    await expect(el).to.be.accessible();
    fail = false;
    page.$<HTMLButtonElement>('.state--error button')!.click();
    await waitUntil(() => page.state === 'form');
  });

  it('with no network, today’s cafés and the categories loaded earlier today come from the device', async () => {
    const online = await mount();
    await waitUntil(() => online.page.state === 'form' && online.page.categories.length === 2);
    online.el.remove();
    // A reload with no network: the API cannot be reached, the lists come back empty.
    const unreachable = () => Promise.reject(new TypeError('Failed to fetch'));
    const { el, page } = await mount({
      cafes: unreachable,
      lookups: async () => ({ categories: [], districts: [], services: [] }),
    });
    await waitUntil(() => page.state === 'form' && page.categories.length === 2, 'the form shows');
    expect(page.cafes).to.have.length(2);
    expect(page.categories).to.deep.equal(['Bruit', 'Dépôts sauvages']);
    await expect(el).to.be.accessible();
    // Only today's: the next day, nothing kept is offered.
    localStorage.setItem(
      FIELD_KIT_KEY,
      localStorage.getItem(FIELD_KIT_KEY)!.replace('2026-12-05', '2026-12-04'),
    );
    const next = await mount({ cafes: unreachable });
    await waitUntil(() => next.page.state === 'error', 'the error shows');
  });

  it('refuses a note with what is missing, named and linked, fields marked; accessible', async () => {
    const { el, page, sent } = await mount();
    await waitUntil(() => page.state === 'form');
    page.fill({ description: ' ', name: 'Mme Leroy' });
    page.save();
    await waitUntil(() => page.errors.length > 0);
    expect(page.errors).to.deep.equal([
      'Choisissez une catégorie.',
      'Écrivez ce que dit l’habitant.',
      'Cochez l’accord de l’habitant, ou effacez ses coordonnées.',
    ]);
    expect(page.invalid).to.deep.equal(['category', 'description', 'consent']);
    expect(el.shadowRoot!.activeElement?.classList.contains('errors')).to.equal(true);
    expect(sent).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('a note is stored, sent with its own key to the chosen café, then listed as sent (fr and en)', async () => {
    for (const lang of ['fr', 'en']) {
      const { el, page, sent, context } = await mount({ lang });
      await waitUntil(() => page.state === 'form');
      page.chooseCafe(1);
      await el.updateComplete;
      page.fill({
        category: 'bruit',
        description: 'Musique très forte la nuit, rue des Granges.',
        name: 'Mme Leroy',
        email: 'leroy@example.org',
        emailUpdates: true,
        consent: true,
      });
      page.save();
      await waitUntil(() => page.notes[0]?.state === 'sent', 'the note is sent');
      expect(sent).to.have.length(1);
      expect(sent[0]!.cafeId).to.equal('cafe-parmentier');
      expect(sent[0]!.key).to.match(/^[0-9a-f-]{36}$/);
      expect(sent[0]!.note).to.deep.equal({
        categoryCode: 'bruit',
        description: 'Musique très forte la nuit, rue des Granges.',
        lang,
        contact: { name: 'Mme Leroy', email: 'leroy@example.org', emailUpdates: true },
        consent: true,
      });
      expect(page.notes[0]!.text).to.contain(lang === 'fr' ? 'Envoyé' : 'Sent');
      expect(page.notes[0]!.text).to.contain('PRX-FELD-0001');
      expect(page.pendingCount).to.equal(lang === 'fr' ? 'Tout est envoyé.' : 'Everything is sent.');
      // The form is empty again, ready for the next resident.
      expect(page.$<HTMLTextAreaElement>('#description')!.value).to.equal('');
      expect(context.announced.some((a) => a.includes('PRX-FELD-0001'))).to.equal(true);
      await expect(el).to.be.accessible();
    }
  });

  it('without network the note waits on the device, is kept across a reload, and leaves once, with its key', async () => {
    let online = false;
    const attempt = async () => {
      // No response at all, as when the tent has no signal.
      if (!online) throw new TypeError('Failed to fetch');
    };
    const first = await mount({ note: attempt });
    await waitUntil(() => first.page.state === 'form');
    first.page.fill({ category: 'depots-sauvages', description: 'Sacs derrière le kiosque.' });
    first.page.save();
    await waitUntil(() => first.sent.length === 1, 'one attempt');
    await waitUntil(() => first.page.notes[0]?.state === 'queued');
    expect(first.page.notes[0]!.text).to.contain('En attente');
    expect(first.page.pendingCount).to.equal('1 note en attente.');
    await expect(first.el).to.be.accessible();
    const key = first.sent[0]!.key;
    first.el.remove();

    // The page is loaded again, still without network: the note is listed from the device.
    const second = await mount({ note: attempt, storage: first.storage });
    await waitUntil(() => second.page.notes.length === 1, 'the stored note is listed');
    await waitUntil(() => second.sent.length === 1);
    expect(second.page.notes[0]!.state).to.equal('queued');

    online = true;
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => second.page.notes[0]?.state === 'sent', 'sent when the network is back');
    expect(second.sent.map((s) => s.key)).to.deep.equal([key, key]);
  });

  it('a note the server refuses is said with its reason and can be removed', async () => {
    const { el, page } = await mount({
      note: async () => {
        throw new UnprocessableError(422, {
          type: 'https://proximite.dev/problems/validation',
          status: 422,
          title: 'The request is not valid',
          detail: 'Unknown category.',
        });
      },
    });
    await waitUntil(() => page.state === 'form');
    page.fill({ category: 'bruit', description: 'Texte.' });
    page.save();
    await waitUntil(() => page.notes[0]?.state === 'failed');
    expect(page.notes[0]!.text).to.contain('Refusé');
    expect(page.notes[0]!.text).to.contain('Unknown category.');
    await expect(el).to.be.accessible();
    page.$<HTMLButtonElement>('.note button')!.click();
    await waitUntil(() => page.notes.length === 0);
  });

  it('works from the keyboard: arrows choose the café, Enter in a field saves the note', async () => {
    const { el, page, sent } = await mount();
    await waitUntil(() => page.state === 'form');
    page.$<HTMLInputElement>('.choice input')!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(page.chosenCafe).to.contain('place Parmentier');
    page.$<HTMLSelectElement>('#category')!.value = 'bruit';
    page.$<HTMLTextAreaElement>('#description')!.value = 'Rodéos le soir.';
    page.$<HTMLInputElement>('#place')!.focus();
    await sendKeys({ type: 'quai Bélu' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => sent.length === 1, 'saved with Enter');
    expect(sent[0]!.cafeId).to.equal('cafe-parmentier');
    expect(sent[0]!.note.location).to.deep.equal({ address: 'quai Bélu', districtId: 'saint-leu' });
    // Focus goes back to the first field for the next note.
    await waitUntil(() => el.shadowRoot!.activeElement?.id === 'category');
  });
});
