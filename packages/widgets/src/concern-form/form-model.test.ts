import { expect } from '@open-wc/testing';
import { ConcernInput, type ConcernCategory } from '@proximite/contract';
import {
  DRAFT_TTL_MS,
  emergencyHref,
  emptyState,
  filterCategories,
  nextStep,
  parseDraft,
  previousStep,
  serializeDraft,
  stepsFor,
  type FormState,
} from './form-model.js';
import {
  buildConcernInput,
  detectEmergency,
  groupCategories,
  hasContent,
  lengthBand,
  setAnswer,
  validateAll,
  validateStep,
} from './form-rules.js';
import { errorText, viewMessages as messages } from './form-view.messages.js';
import { stageIndex } from './status.js';
import { normalizeReference, readStatusParams, statusPageUrl } from './status-link.js';

const service = { id: 'svc-1', name: { fr: 'Police municipale', en: 'Municipal police' } };
const categories: ConcernCategory[] = [
  {
    code: 'noise',
    label: { fr: 'Bruit', en: 'Noise' },
    group: { fr: 'Voisinage', en: 'Neighbours' },
    service,
    fields: [
      {
        code: 'when',
        label: { fr: 'Quand\u202f?', en: 'When?' },
        datatype: 'singlevaluelist',
        required: true,
        order: 2,
        values: [
          { key: 'day', name: { fr: 'Le jour', en: 'Daytime' } },
          { key: 'night', name: { fr: 'La nuit', en: 'At night' } },
        ],
      },
      {
        code: 'ongoing',
        label: { fr: 'Des personnes sont-elles en danger maintenant\u202f?', en: 'Is anyone in danger now?' },
        datatype: 'singlevaluelist',
        required: false,
        order: 1,
        values: [
          { key: 'yes', name: { fr: 'Oui', en: 'Yes' } },
          { key: 'no', name: { fr: 'Non', en: 'No' } },
        ],
        stopper: { whenValue: 'yes', message: { fr: 'Danger immédiat', en: 'Immediate danger' } },
      },
      {
        code: 'times',
        label: { fr: 'Combien de fois\u202f?', en: 'How many times?' },
        datatype: 'number',
        required: false,
        order: 3,
      },
      {
        code: 'since',
        label: { fr: 'Depuis quand\u202f?', en: 'Since when?' },
        datatype: 'datetime',
        required: false,
        order: 4,
      },
      {
        code: 'kinds',
        label: { fr: 'Type de bruit', en: 'Kind of noise' },
        datatype: 'multivaluelist',
        required: false,
        order: 5,
        values: [
          { key: 'music', name: { fr: 'Musique', en: 'Music' } },
          { key: 'voices', name: { fr: 'Voix', en: 'Voices' } },
        ],
      },
    ],
  },
  {
    code: 'dumping',
    label: { fr: 'Dépôt sauvage', en: 'Illegal dumping' },
    group: { fr: 'Propreté', en: 'Cleanliness' },
    service,
    fields: [
      { code: 'size', label: { fr: 'Volume', en: 'Size' }, datatype: 'string', required: true, order: 1 },
    ],
  },
  {
    code: 'violence',
    label: { fr: 'Violence en cours', en: 'Violence happening now' },
    service,
    emergency: { message: { fr: 'Appelez le 17', en: 'Call 17' }, numbers: ['17', '112', '114'] },
    fields: [],
  },
  {
    code: 'other',
    label: { fr: 'Autre', en: 'Other' },
    group: { fr: 'Voisinage', en: 'Neighbours' },
    service,
    fields: [],
  },
];

function filled(overrides: Partial<FormState> = {}): FormState {
  return {
    ...emptyState(),
    categoryCode: 'dumping',
    description: '  Des sacs devant le 3 rue X  ',
    address: '3 rue X',
    answers: { dumping: { size: 'grand' } },
    formStartedAt: '2026-05-12T10:00:00.000Z',
    ...overrides,
  };
}

describe('concern form model: steps', () => {
  it('skips the details step when the category has no extra field', () => {
    expect(stepsFor(categories[1])).to.deep.equal([
      'category',
      'description',
      'location',
      'details',
      'contact',
      'review',
    ]);
    expect(stepsFor(categories[3])).to.deep.equal([
      'category',
      'description',
      'location',
      'contact',
      'review',
    ]);
    expect(nextStep('location', categories[3])).to.equal('contact');
    expect(previousStep('contact', categories[3])).to.equal('location');
    expect(nextStep('location', categories[1])).to.equal('details');
    expect(previousStep('category', undefined)).to.equal('category');
    expect(nextStep('review', undefined)).to.equal('review');
  });

  it('groups categories by their group, in first-seen order, and filters a csv subset', () => {
    const groups = groupCategories(categories);
    expect(groups.map((g) => g.group?.fr)).to.deep.equal(['Voisinage', 'Propreté', undefined]);
    expect(groups[0]!.categories.map((c) => c.code)).to.deep.equal(['noise', 'other']);
    expect(filterCategories(categories, ' noise, other ').map((c) => c.code)).to.deep.equal([
      'noise',
      'other',
    ]);
    expect(filterCategories(categories, '')).to.have.length(4);
    expect(filterCategories(categories, undefined)).to.have.length(4);
  });
});

describe('concern form model: validation', () => {
  it('asks for a category, and refuses an unknown one', () => {
    expect(validateStep('category', emptyState(), categories).map((e) => e.code)).to.deep.equal([
      'categoryRequired',
    ]);
    const unknown = { ...emptyState(), categoryCode: 'gone' };
    expect(validateStep('category', unknown, categories).map((e) => e.code)).to.deep.equal([
      'categoryUnknown',
    ]);
    expect(validateStep('category', filled(), categories)).to.deep.equal([]);
  });

  it('asks for a description within 4000 characters', () => {
    expect(validateStep('description', filled({ description: '   ' }), categories)[0]).to.include({
      field: 'description',
      code: 'descriptionRequired',
    });
    expect(validateStep('description', filled({ description: 'x'.repeat(4001) }), categories)[0]).to.include({
      code: 'descriptionTooLong',
      max: 4000,
    });
    expect(validateStep('description', filled({ description: 'x'.repeat(4000) }), categories)).to.deep.equal(
      [],
    );
  });

  it('accepts an address, a position or a district as the location', () => {
    const none = filled({ address: ' ' });
    expect(validateStep('location', none, categories).map((e) => e.code)).to.deep.equal(['locationRequired']);
    expect(validateStep('location', { ...none, districtId: 'saint-leu' }, categories)).to.deep.equal([]);
    expect(
      validateStep('location', { ...none, position: { lat: 49.9, lon: 2.3 } }, categories),
    ).to.deep.equal([]);
    expect(validateStep('location', filled({ address: 'x'.repeat(301) }), categories)[0]!.code).to.equal(
      'addressTooLong',
    );
  });

  it('checks each extra field by its datatype, in display order', () => {
    const state = {
      ...filled({ categoryCode: 'noise' }),
      answers: { noise: { times: 'beaucoup', since: '12/05/2026', kinds: ['music', 'drums'] } },
    };
    const errors = validateStep('details', state, categories);
    expect(errors.map((e) => [e.field, e.code])).to.deep.equal([
      ['attr:when', 'fieldRequired'],
      ['attr:times', 'fieldNumber'],
      ['attr:since', 'fieldDate'],
      ['attr:kinds', 'fieldChoice'],
    ]);
    const ok = {
      ...state,
      answers: { noise: { when: 'night', times: '3', since: '2026-05-12', kinds: ['music'] } },
    };
    expect(validateStep('details', ok, categories)).to.deep.equal([]);
    const badChoice = { ...state, answers: { noise: { when: 'evening' } } };
    expect(validateStep('details', badChoice, categories)[0]!.code).to.equal('fieldChoice');
  });

  it('asks nothing of an anonymous resident, and an e-mail or phone of one who wants an answer', () => {
    expect(validateStep('contact', filled(), categories)).to.deep.equal([]);
    const wants = filled({ contactChoice: 'contact' });
    expect(validateStep('contact', wants, categories).map((e) => e.code)).to.deep.equal(['contactRequired']);
    const bad = filled({
      contactChoice: 'contact',
      contact: { name: '', email: 'nom@', phone: 'abc', preferred: '' },
    });
    expect(validateStep('contact', bad, categories).map((e) => [e.field, e.code])).to.deep.equal([
      ['email', 'emailInvalid'],
      ['phone', 'phoneInvalid'],
    ]);
    const preferred = filled({
      contactChoice: 'contact',
      contact: { name: '', email: 'a@b.fr', phone: '', preferred: 'phone' },
    });
    expect(validateStep('contact', preferred, categories).map((e) => e.code)).to.deep.equal([
      'preferredMissing',
    ]);
    const good = filled({
      contactChoice: 'contact',
      contact: { name: 'Awa', email: 'awa@exemple.fr', phone: '', preferred: 'email' },
    });
    expect(validateStep('contact', good, categories)).to.deep.equal([]);
  });

  it('«\u00a0Me tenir informé·e par e-mail\u00a0»: off by default, needs the e-mail, sent as emailUpdates', () => {
    expect(emptyState().contact.updates).to.equal(false);
    const noEmail = filled({
      contactChoice: 'contact',
      contact: { name: '', email: '', phone: '0612345678', preferred: '', updates: true },
    });
    expect(validateStep('contact', noEmail, categories).map((e) => [e.field, e.code])).to.deep.equal([
      ['email', 'updatesNeedEmail'],
    ]);
    const nothing = filled({
      contactChoice: 'contact',
      contact: { name: '', email: '', phone: '', preferred: '', updates: true },
    });
    expect(validateStep('contact', nothing, categories).map((e) => e.code)).to.deep.equal([
      'updatesNeedEmail',
    ]);
    const on = filled({
      contactChoice: 'contact',
      contact: { name: '', email: 'awa@exemple.fr', phone: '', preferred: '', updates: true },
    });
    expect(validateStep('contact', on, categories)).to.deep.equal([]);
    const input = buildConcernInput(on, categories, 'fr');
    expect(input.contact).to.deep.equal({ email: 'awa@exemple.fr', emailUpdates: true });
    expect(ConcernInput.safeParse(input).success).to.equal(true);
    // Anonymous after all: nothing is sent, the box included.
    expect(buildConcernInput({ ...on, contactChoice: 'anonymous' }, categories, 'fr')).not.to.have.property(
      'contact',
    );
  });

  it('validates every step of the category before submitting', () => {
    const state = { ...emptyState(), categoryCode: 'dumping' };
    expect(validateAll(state, categories).map((e) => e.step)).to.deep.equal([
      'description',
      'location',
      'details',
    ]);
    expect(validateAll(filled(), categories)).to.deep.equal([]);
  });

  it('words every error in French and English', () => {
    const state = { ...filled({ categoryCode: 'noise', contactChoice: 'contact' }), answers: {} };
    const errors = validateAll(state, categories);
    const fr = errors.map((e) => errorText(e, 'fr', (t) => t?.fr ?? ''));
    const en = errors.map((e) => errorText(e, 'en', (t) => t?.en ?? ''));
    expect(fr).to.deep.equal([
      'Répondez à «\u00a0Quand\u202f?\u00a0».',
      'Indiquez un e-mail ou un téléphone, ou choisissez de rester anonyme.',
    ]);
    expect(en).to.deep.equal([
      'Answer “When?”.',
      'Give an e-mail or a phone number, or choose to stay anonymous.',
    ]);
    // Every error code has a message in both languages.
    const codes = Object.keys(messages.fr).filter((k) => k.startsWith('error_'));
    expect(codes.length).to.equal(17);
    for (const key of codes) expect(Object.keys(messages.en)).to.include(key);
  });
});

describe('concern form model: building the submission', () => {
  it('builds a strict ConcernInput the contract accepts, anonymous by default', () => {
    const input = buildConcernInput(filled(), categories, 'fr');
    expect(input).to.deep.equal({
      categoryCode: 'dumping',
      description: 'Des sacs devant le 3 rue X',
      location: { address: '3 rue X' },
      attributes: { size: 'grand' },
      lang: 'fr',
      honeypot: '',
      formStartedAt: '2026-05-12T10:00:00.000Z',
    });
    expect(ConcernInput.safeParse(input).success).to.equal(true);
    expect(input).not.to.have.property('contact');
  });

  it('never includes contact fields unless the resident chose to be contacted', () => {
    // Typed an e-mail, then went back to "stay anonymous": nothing personal leaves.
    const typedThenAnonymous = filled({
      contactChoice: 'anonymous',
      contact: { name: 'Awa', email: 'awa@exemple.fr', phone: '0612345678', preferred: 'email' },
    });
    const input = buildConcernInput(typedThenAnonymous, categories, 'fr');
    expect(input).not.to.have.property('contact');
    expect(JSON.stringify(input)).not.to.match(/awa|0612345678/i);

    const chosen = buildConcernInput({ ...typedThenAnonymous, contactChoice: 'contact' }, categories, 'en');
    expect(chosen.contact).to.deep.equal({
      name: 'Awa',
      email: 'awa@exemple.fr',
      phone: '0612345678',
      preferred: 'email',
    });
    expect(ConcernInput.safeParse(chosen).success).to.equal(true);

    const phoneOnly = buildConcernInput(
      filled({
        contactChoice: 'contact',
        contact: { name: '', email: ' ', phone: '06 12 34 56 78', preferred: 'email' },
      }),
      categories,
      'fr',
    );
    expect(phoneOnly.contact).to.deep.equal({ phone: '06 12 34 56 78' });
  });

  it('keeps answers per category when the category changes, and sends only the current ones', () => {
    let state = filled({ categoryCode: 'noise', answers: {} });
    state = setAnswer(state, 'when', 'night');
    state = setAnswer(state, 'times', '4');
    state = setAnswer(state, 'kinds', ['music', 'voices']);
    state = setAnswer({ ...state, categoryCode: 'dumping' }, 'size', 'un matelas');
    expect(buildConcernInput(state, categories, 'fr').attributes).to.deep.equal({ size: 'un matelas' });
    const back = { ...state, categoryCode: 'noise' };
    expect(back.answers.noise).to.deep.equal({ when: 'night', times: '4', kinds: ['music', 'voices'] });
    const input = buildConcernInput(back, categories, 'fr');
    expect(input.attributes).to.deep.equal({ when: 'night', times: 4, kinds: ['music', 'voices'] });
    expect(ConcernInput.safeParse(input).success).to.equal(true);
  });

  it('sends a point and a district with the address when given, and no empty attribute', () => {
    const input = buildConcernInput(
      filled({
        categoryCode: 'other',
        address: '',
        position: { lat: 49.894, lon: 2.302 },
        districtId: 'saint-leu',
      }),
      categories,
      'fr',
    );
    expect(input.location).to.deep.equal({ lat: 49.894, lon: 2.302, districtId: 'saint-leu' });
    expect(input).not.to.have.property('attributes');
  });

  it('carries the honeypot as typed, for the server to quarantine', () => {
    expect(buildConcernInput(filled({ honeypot: 'http://spam' }), categories, 'fr').honeypot).to.equal(
      'http://spam',
    );
  });
});

describe('concern form model: emergencies', () => {
  it('stops on an emergency category, with its numbers', () => {
    const emergency = detectEmergency({ ...emptyState(), categoryCode: 'violence' }, categories);
    expect(emergency).to.deep.include({ source: 'category', numbers: ['17', '112', '114'] });
    expect(detectEmergency(filled(), categories)).to.equal(null);
    expect(detectEmergency(emptyState(), categories)).to.equal(null);
  });

  it('stops on a field answer matching its stopper, and only then', () => {
    const state = setAnswer({ ...emptyState(), categoryCode: 'noise' }, 'ongoing', 'no');
    expect(detectEmergency(state, categories)).to.equal(null);
    const danger = detectEmergency(setAnswer(state, 'ongoing', 'yes'), categories);
    expect(danger).to.deep.include({ source: 'field', field: 'attr:ongoing' });
    expect(danger!.message.fr).to.equal('Danger immédiat');
    // The answer kept under another category does not stop this one.
    expect(
      detectEmergency({ ...setAnswer(state, 'ongoing', 'yes'), categoryCode: 'dumping' }, categories),
    ).to.equal(null);
  });

  it('links 17 and 112 by phone and 114 by text', () => {
    expect(emergencyHref('17')).to.equal('tel:17');
    expect(emergencyHref('112')).to.equal('tel:112');
    expect(emergencyHref('114')).to.equal('sms:114');
  });
});

describe('concern form model: description length', () => {
  it('changes band only at the thresholds', () => {
    expect(lengthBand(0)).to.equal(0);
    expect(lengthBand(3499)).to.equal(0);
    expect(lengthBand(3500)).to.equal(1);
    expect(lengthBand(3899)).to.equal(1);
    expect(lengthBand(3900)).to.equal(2);
    expect(lengthBand(4000)).to.equal(3);
    expect(lengthBand(4001)).to.equal(4);
  });
});

describe('concern form model: draft', () => {
  const now = Date.parse('2026-05-12T10:00:00Z');

  it('round-trips the state and step, without contact details or the honeypot', () => {
    const state = filled({
      categoryCode: 'noise',
      answers: { noise: { when: 'night', kinds: ['music'] }, dumping: { size: 'grand' } },
      position: { lat: 49.9, lon: 2.3 },
      contactChoice: 'contact',
      contact: { name: 'Awa', email: 'awa@exemple.fr', phone: '', preferred: '' },
      honeypot: 'bot',
    });
    const text = serializeDraft(state, 'details', now);
    expect(text).not.to.match(/awa|bot/i);
    const draft = parseDraft(text, now + 1000);
    expect(draft!.step).to.equal('details');
    expect(draft!.state).to.deep.equal({ ...state, contact: emptyState().contact, honeypot: '' });
  });

  it('expires after 24 hours', () => {
    const text = serializeDraft(filled(), 'location', now);
    expect(parseDraft(text, now + DRAFT_TTL_MS - 1)).not.to.equal(null);
    expect(parseDraft(text, now + DRAFT_TTL_MS)).to.equal(null);
  });

  it('ignores malformed or foreign drafts and drops unexpected values', () => {
    expect(parseDraft(null, now)).to.equal(null);
    expect(parseDraft('{not json', now)).to.equal(null);
    expect(parseDraft('{"v":99,"expiresAt":9e15,"state":{}}', now)).to.equal(null);
    const odd = JSON.stringify({
      v: 1,
      expiresAt: now + 10,
      step: 'nowhere',
      state: {
        categoryCode: 42,
        description: 'ok',
        answers: { noise: { when: 7, kinds: ['a', 3] } },
        position: { lat: 'x' },
      },
    });
    const draft = parseDraft(odd, now);
    expect(draft!.step).to.equal('category');
    expect(draft!.state.categoryCode).to.equal('');
    expect(draft!.state.description).to.equal('ok');
    expect(draft!.state.position).to.equal(null);
    expect(draft!.state.answers).to.deep.equal({ noise: { kinds: ['a'] } });
  });

  it('knows when there is something worth keeping', () => {
    expect(hasContent(emptyState())).to.equal(false);
    expect(hasContent({ ...emptyState(), description: 'x' })).to.equal(true);
    expect(hasContent({ ...emptyState(), answers: { noise: { kinds: [] } } })).to.equal(false);
  });
});

describe('concern form: status helpers', () => {
  it('maps statuses to the three stages, unknown ones to none', () => {
    expect(stageIndex('received')).to.equal(0);
    expect(stageIndex('action-scheduled')).to.equal(1);
    expect(stageIndex('not-responsible')).to.equal(2);
    expect(stageIndex('archived')).to.equal(-1);
  });

  it('reads and normalizes the reference and token from the URL, the fragment first', () => {
    expect(readStatusParams({ search: '?ref=prx-7k3m-q9ab&token=abcdefghijklmnop', hash: '' })).to.deep.equal(
      {
        reference: 'PRX-7K3M-Q9AB',
        token: 'abcdefghijklmnop',
      },
    );
    expect(
      readStatusParams({
        search: '?ref=PRX-0000-0000&token=old',
        hash: '#ref=prx-7k3m-q9ab&token=abcdefghijklmnop',
      }),
    ).to.deep.equal({ reference: 'PRX-7K3M-Q9AB', token: 'abcdefghijklmnop' });
    expect(normalizeReference(' prx 7k3m q9ab ')).to.equal('PRX-7K3M-Q9AB');
    expect(readStatusParams({ search: '', hash: '' })).to.deep.equal({ reference: '', token: '' });
  });

  it('writes the token of a status link in the fragment, never in the query (no Referer leak)', () => {
    const url = statusPageUrl('https://amiens.fr/signaler?x=1&token=old#top', 'PRX-7K3M-Q9AB', 'tok_en');
    expect(url).to.equal('https://amiens.fr/signaler?x=1#ref=PRX-7K3M-Q9AB&token=tok_en');
    expect(new URL(url).search).not.to.contain('tok_en');
  });
});
