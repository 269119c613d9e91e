import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type { AdminConcern } from '@proximite/contract';
import { defineElement } from '@proximite/widgets/kit/define.js';
import { apiError, fakeClient, fakeContext } from '../test-fixtures/client.js';
import { ConcernPageObject } from '../test-fixtures/concern.page.js';
import { StaffConcern } from './staff-concern.js';

defineElement('prox-staff-concern', StaffConcern);

const REF = 'PRX-AAAA-0001';

function concern(extra: Partial<AdminConcern> = {}): AdminConcern {
  return {
    reference: REF,
    categoryCode: 'bruit',
    service: { id: 'tranquillite-publique', name: { fr: 'Tranquillité publique', en: 'Public peace' } },
    status: 'received',
    submittedAt: '2026-11-29T09:00:00Z',
    updatedAt: '2026-11-29T09:00:00Z',
    updates: [
      {
        id: 'u1',
        at: '2026-11-29T09:00:00Z',
        status: 'received',
        text: { fr: 'Votre signalement a bien été reçu.', en: 'Your concern was received.' },
      },
    ],
    description: 'Musique forte tous les soirs après 23 h.',
    location: { address: '3 rue de la Dodane, Amiens', lat: 49.8961, lon: 2.3013, districtId: 'saint-leu' },
    attributes: { source: 'bar' },
    contact: { name: 'Camille R.', email: 'camille@example.org' },
    quarantined: false,
    duplicateOf: null,
    internalNotes: [{ id: 'n1', at: '2026-11-30T08:00:00Z', author: 'Alex Agent', text: 'Appelé le bar.' }],
    assignee: null,
    dueAt: '2026-11-30T17:00:00Z',
    overdue: true,
    history: [
      { seq: 1, at: '2026-11-29T09:00:00Z', action: 'concern.create', actor: 'system:intake' },
      {
        seq: 2,
        at: '2026-11-30T08:00:00Z',
        action: 'concern.triage',
        actor: 'staff:stf-2',
        actorName: 'Alex Agent',
      },
    ],
    ...extra,
  };
}

const DELIVERY = {
  id: 'd1',
  status: 'failed',
  method: 'email',
  event: 'concern.routed',
  concernReference: REF,
  service: { id: 'tranquillite-publique', name: { fr: 'Tranquillité publique' } },
  destination: 'tranquillite@amiens.example',
  attempts: 3,
  lastError: 'Connexion refusée',
  lastAttemptAt: '2026-11-29T10:00:00Z',
  nextAttemptAt: null,
  giveUpAt: null,
  createdAt: '2026-11-29T09:00:01Z',
  sentAt: null,
  messageId: 'm1',
};

async function mount(
  options: {
    get?: () => Promise<unknown>;
    triage?: (ref: string, input: unknown) => Promise<unknown>;
    permissions?: string[];
    lang?: string;
  } = {},
) {
  const triaged: unknown[] = [];
  const linked: [string, unknown][] = [];
  let current = concern();
  const client = fakeClient({
    concerns: {
      get: options.get ?? (async () => current),
      triage:
        options.triage ??
        (async (_ref: string, input: Record<string, unknown>) => {
          triaged.push(input);
          current = concern({
            ...(input.status ? { status: input.status as string } : {}),
            ...(input.internalNote
              ? {
                  internalNotes: [
                    ...current.internalNotes,
                    { id: 'n2', at: '2026-12-02T12:00:00Z', author: 'Moi', text: String(input.internalNote) },
                  ],
                }
              : {}),
          });
          return current;
        }),
      assign: async (_ref: string, id: string | null) => (
        triaged.push({ assigneeId: id }),
        (current = concern({ assignee: id ? { id, displayName: 'Dominique Coordination' } : null }))
      ),
      assignees: async () => [
        { id: 'stf-1', displayName: 'Dominique Coordination' },
        { id: 'stf-2', displayName: 'Alex Agent' },
      ],
    },
    deliveries: { list: async () => ({ items: [DELIVERY], nextCursor: null }), retry: async () => DELIVERY },
    priorities: {
      list: async () => [
        {
          id: 'prio-1',
          issue: { fr: 'Bruit rue de la Dodane', en: 'Noise in rue de la Dodane' },
          issueDate: '2026-11-30',
          status: 'in-progress',
          actions: [],
          sources: { concernReferences: ['PRX-AAAA-0009'], cafeIds: [] },
          published: true,
          notified: 0,
        },
      ],
      update: async (id: string, input: unknown) => (linked.push([id, input]), {}),
    },
    templates: {
      list: async () => [
        {
          id: 'tpl-1',
          categoryCode: null,
          status: 'resolved',
          text: {
            fr: 'Votre signalement {reference} a été traité par {service}.',
            en: 'Your concern {reference} was handled by {service}.',
          },
          updatedAt: '2026-11-01T00:00:00Z',
        },
      ],
      preview: async (_ref: string, input: { publicUpdate: { fr: string } }) => ({
        update: { status: 'resolved', text: input.publicUpdate },
        email: {
          kind: 'update',
          lang: 'fr',
          subject: `Votre signalement ${REF}`,
          text: input.publicUpdate.fr,
          html: '',
        },
      }),
    },
    oversight: {
      get: async () => ({
        ...concern(),
        districtId: 'saint-leu',
        shareable: false,
        duplicateOf: null,
        description: undefined,
        address: undefined,
        attributes: undefined,
      }),
    },
  });
  const context = fakeContext(client, {
    permissions: options.permissions ?? [
      'concerns:read',
      'concerns:triage',
      'oversight:read',
      'deliveries:write',
    ],
  });
  const el = await fixture<StaffConcern>(
    html`<prox-staff-concern
      lang=${options.lang ?? 'fr'}
      .context=${context}
      .route=${{ section: 'concern', id: REF, params: {} }}
    ></prox-staff-concern>`,
  );
  const page = new ConcernPageObject(el);
  await waitUntil(() => page.state !== 'loading' && page.state !== 'none', 'loaded', { timeout: 3000 });
  return { el, page, context, triaged, client, linked };
}

describe('<prox-staff-concern>', () => {
  it('shows the concern: summary, resident’s text and answers, place, contact, follow-up, hand-offs, notes, history', async () => {
    const { el, page } = await mount();
    expect(page.heading).to.equal(`Signalement ${REF}`);
    expect(page.facts).to.deep.include({
      Statut: 'Reçu',
      Catégorie: 'Bruit',
      Service: 'Tranquillité publique',
      Quartier: 'Saint-Leu',
      Échéance: '30 nov. 2026 En retard',
      'Assigné à': 'Personne',
    });
    expect(page.section('text-title')).to.include('Musique forte tous les soirs');
    expect(page.section('text-title')).to.include('source');
    expect(page.section('place-title')).to.include('3 rue de la Dodane');
    expect(page.$<HTMLAnchorElement>('#place-title ~ dl a')!.href).to.match(
      /^https:\/\/www\.openstreetmap\.org\//,
    );
    expect(page.section('contact-title')).to.include('camille@example.org');
    expect(page.section('updates-title')).to.include('Votre signalement a bien été reçu.');
    expect(page.section('deliveries-title')).to.include('En échec');
    expect(page.section('deliveries-title')).to.include('Connexion refusée');
    expect(page.section('notes-title')).to.include('Appelé le bar.');
    expect(page.section('history-title')).to.include('Traitement par Alex Agent');
    expect(page.$<HTMLAnchorElement>('a.back')!.getAttribute('href')).to.equal('#/inbox?district=etouvie');
    await expect(el).to.be.accessible();
  });

  describe('in dark mode (prefers-color-scheme: dark)', () => {
    before(() => emulateMedia({ colorScheme: 'dark' }));
    after(() => emulateMedia({ colorScheme: 'light' }));

    for (const lang of ['fr', 'en'])
      it(`keeps its contrasts: the record, its actions and its history (${lang})`, async () => {
        const { el, page } = await mount({ lang });
        expect(page.state).to.not.equal('error');
        await expect(el).to.be.accessible();
      });
  });

  it('speaks English', async () => {
    const { el, page } = await mount({ lang: 'en' });
    expect(page.heading).to.equal(`Concern ${REF}`);
    expect(page.actionTitles).to.include('Public answer');
    await expect(el).to.be.accessible();
  });

  it('says when a concern was raised at a café, and the resident’s agreement to be contacted (fr and en)', async () => {
    const noted = concern({
      raisedAt: {
        cafeId: 'cafe-don',
        start: '2026-12-05T09:00:00+01:00',
        timeZone: 'Europe/Paris',
        place: 'place du Don',
      },
      contact: {
        name: 'Mme Leroy',
        email: 'leroy@example.org',
        consent: { at: '2026-12-05T09:20:00Z', by: 'Ange Agent' },
      },
    });
    for (const lang of ['fr', 'en']) {
      const { el, page } = await mount({ get: async () => noted, lang });
      const fr = lang === 'fr';
      expect(page.facts[fr ? 'Origine' : 'Origin']).to.equal(
        fr ? 'Relevé au café du 5 décembre, place du Don' : 'Raised at the café of 5 December, place du Don',
      );
      expect(page.section('contact-title')).to.include(fr ? 'Noté le' : 'Recorded on');
      expect(page.section('contact-title')).to.include('Ange Agent');
      await expect(el).to.be.accessible();
    }
  });

  it('links the concern to a priority (« Lier à une priorité »), its other concerns kept; accessible', async () => {
    const { el, page, linked } = await mount({
      permissions: [
        'concerns:read',
        'concerns:triage',
        'oversight:read',
        'deliveries:write',
        'content:write',
      ],
    });
    await waitUntil(() => page.actionTitles.includes('Lier à une priorité'), 'the action shows');
    await expect(el).to.be.accessible();
    page.set('priority', 'prio-1');
    page.submit('priority');
    await waitUntil(() => linked.length === 1);
    expect(linked[0]![0]).to.equal('prio-1');
    expect((linked[0]![1] as { sources: unknown }).sources).to.deep.equal({
      concernReferences: ['PRX-AAAA-0009', REF],
      cafeIds: [],
    });
    await waitUntil(() => page.notice('priority') !== '');
    expect(page.notice('priority')).to.equal('Lié à la priorité « Bruit rue de la Dodane ».');
  });

  it('offers no link to a priority to a role that does not edit them', async () => {
    const { page } = await mount();
    expect(page.actionTitles).not.to.include('Lier à une priorité');
  });

  it('changes the status, says so and keeps focus where it was', async () => {
    const { page, context, triaged } = await mount();
    page.set('status', 'in-progress');
    const button = page.form('status').querySelector('button')!;
    button.focus();
    page.submit('status');
    await waitUntil(() => page.notice('status') !== '');
    expect(triaged).to.deep.equal([{ status: 'in-progress' }]);
    expect(page.notice('status')).to.equal('Statut changé : En cours.');
    expect(context.announced).to.include('Statut changé : En cours.');
    expect(page.facts.Statut).to.equal('En cours');
    expect(page.root.activeElement).to.equal(button);
  });

  it('offers only the status changes the server accepts: a closed concern can only be reopened', async () => {
    const { page } = await mount();
    const offered = () => [...page.$<HTMLSelectElement>('#status')!.options].map((o) => o.value);
    expect(offered()).to.deep.equal([
      'received',
      'in-progress',
      'action-scheduled',
      'referred',
      'resolved',
      'closed',
      'not-responsible',
    ]);
    page.set('status', 'resolved');
    page.submit('status');
    await waitUntil(() => page.facts.Statut === 'Résolu');
    expect(offered()).to.deep.equal(['in-progress', 'resolved']);
    expect(page.$<HTMLSelectElement>('#status')!.value).to.equal('resolved');
  });

  it('assigns to someone who can take it, and unassigns', async () => {
    const { page, context, triaged } = await mount();
    const options = [...page.$<HTMLSelectElement>('#assignee')!.options].map((o) => o.textContent!.trim());
    expect(options).to.deep.equal(['Personne (désassigner)', 'Dominique Coordination (moi)', 'Alex Agent']);
    page.set('assignee', 'stf-1');
    page.submit('assign');
    await waitUntil(() => context.announced.includes('Assigné à Dominique Coordination.'));
    expect(triaged).to.deep.equal([{ assigneeId: 'stf-1' }]);
    expect(page.facts['Assigné à']).to.equal('Dominique Coordination');
  });

  it('previews a public answer as the resident will read it, then publishes it', async () => {
    const { el, page, triaged, context } = await mount();
    expect(page.preview).to.include('Écrivez le texte pour voir l’aperçu.');
    page.set('update-fr', 'Une patrouille passera ce soir.');
    page.set('update-status', 'action-scheduled');
    await el.updateComplete;
    expect(page.preview).to.include('Une patrouille passera ce soir.');
    expect(page.preview).to.include('Intervention prévue');
    await expect(el).to.be.accessible();
    page.submit('update');
    await waitUntil(() => context.announced.includes('Réponse publique publiée.'));
    expect(triaged).to.deep.equal([
      { publicUpdate: { fr: 'Une patrouille passera ce soir.' }, status: 'action-scheduled' },
    ]);
    expect(page.$<HTMLTextAreaElement>('#update-fr')!.value).to.equal('');
  });

  it('starts an answer from a template, filled in, and shows the exact e-mail the resident will get', async () => {
    const { el, page, context, triaged } = await mount();
    page.set('template', 'tpl-1');
    await el.updateComplete;
    const text = 'Votre signalement PRX-AAAA-0001 a été traité par Tranquillité publique.';
    expect(page.$<HTMLTextAreaElement>('#update-fr')!.value).to.equal(text);
    expect(page.$<HTMLTextAreaElement>('#update-en')!.value).to.equal(
      'Your concern PRX-AAAA-0001 was handled by Public peace.',
    );
    expect(page.$<HTMLSelectElement>('#update-status')!.value).to.equal('resolved');
    expect(page.preview).to.include(text);
    expect(context.announced).to.include('Modèle repris dans le texte : relisez-le et complétez-le.');
    [...page.form('update').querySelectorAll<HTMLButtonElement>('button')]
      .find((b) => b.type === 'button')!
      .click();
    await waitUntil(() => page.preview.includes('Courriel envoyé à l’habitant'));
    expect(page.$('.preview pre')!.textContent).to.equal(text);
    await expect(el).to.be.accessible();
    page.submit('update');
    await waitUntil(() => triaged.length === 1);
    expect(triaged[0]).to.deep.equal({
      publicUpdate: { fr: text, en: 'Your concern PRX-AAAA-0001 was handled by Public peace.' },
      status: 'resolved',
    });
  });

  it('says what is missing, and an error of the server, in the action’s form with focus on it', async () => {
    const { el, page } = await mount({
      triage: async () =>
        Promise.reject(Object.assign(apiError(409), { problem: { detail: 'Ce signalement est clos.' } })),
    });
    page.submit('note');
    await waitUntil(() => page.error('note') === 'Ce champ est obligatoire.');
    expect(page.root.activeElement?.id).to.equal('note-error');
    expect(page.$('#note')!.getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();
    page.set('note', 'À rappeler lundi.');
    page.submit('note');
    await waitUntil(() => page.error('note').includes('Ce signalement est clos.'));
    expect(page.$<HTMLTextAreaElement>('#note')!.value).to.equal('À rappeler lundi.');
    page.set('duplicate-of', 'pas une référence');
    page.submit('duplicate');
    await waitUntil(() => page.error('duplicate') === 'Une référence a la forme PRX-XXXX-XXXX.');
  });

  it('adds an internal note and marks a duplicate', async () => {
    const { page, triaged, context } = await mount();
    page.set('note', 'Appeler le gérant.');
    page.submit('note');
    await waitUntil(() => context.announced.includes('Note interne ajoutée.'));
    expect(page.section('notes-title')).to.include('Appeler le gérant.');
    page.set('duplicate-of', 'prx-bbbb-0002');
    page.submit('duplicate');
    await waitUntil(() => context.announced.includes('Marqué comme doublon.'));
    expect(triaged.at(-1)).to.deep.equal({ status: 'duplicate', duplicateOf: 'PRX-BBBB-0002' });
  });

  it('links the duplicates merged into it', async () => {
    const { page } = await mount({
      get: async () =>
        concern({
          duplicates: [
            { reference: 'PRX-BBBB-0002', status: 'duplicate', receivedAt: '2026-11-30T10:00:00Z' },
          ],
        }),
    });
    expect(page.facts['Doublons rattachés']).to.equal('PRX-BBBB-0002');
    expect(page.$<HTMLAnchorElement>('a[href="#/concern/PRX-BBBB-0002"]')).to.exist;
  });

  it('releases a quarantined concern', async () => {
    const { page, triaged, context } = await mount({ get: async () => concern({ quarantined: true }) });
    expect(page.section('summary-title')).to.include('En quarantaine');
    page.submit('release');
    await waitUntil(() => context.announced.includes('Sorti de la quarantaine.'));
    expect(triaged).to.deep.equal([{ quarantined: false }]);
  });

  it('shows observers the pseudonymised view, read only', async () => {
    const { el, page } = await mount({ permissions: ['concerns:read', 'oversight:read'] });
    expect(page.section('text-title')).to.include('Texte non partagé');
    expect(page.$('#contact-title')).to.equal(null);
    expect(page.$('#notes-title')).to.equal(null);
    expect(page.actionTitles).to.deep.equal([]);
    expect(page.section('actions-title')).to.include('Lecture seule');
    await expect(el).to.be.accessible();
  });

  it('says when the concern does not exist, and when it could not be loaded', async () => {
    const missing = await mount({ get: async () => Promise.reject(apiError(404)) });
    expect(missing.page.state).to.equal('error');
    expect(missing.page.$('[role="alert"]')!.textContent).to.include('n’existe pas');
    await expect(missing.el).to.be.accessible();
    const down = await mount({ get: async () => Promise.reject(apiError(503)) });
    expect(down.page.$('[role="alert"] button')).to.exist;
    await expect(down.el).to.be.accessible();
  });
});
