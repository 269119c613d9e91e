import { expect } from '@open-wc/testing';
import type { LocalizedText } from '@proximite/contract';
import { rightsContent } from '@proximite/content/rights/index.js';
import { fold, searchTopics, terms } from './search.js';

const fr = (text: LocalizedText | undefined) => text?.fr ?? '';
const en = (text: LocalizedText | undefined) => text?.en ?? text?.fr ?? '';

describe('rights search', () => {
  it('folds case and accents', () => {
    expect(fold('Défenseur DES Droits à Noël')).to.equal('defenseur des droits a noel');
    expect(terms('  Garde   À vue ')).to.deep.equal(['garde', 'a', 'vue']);
    expect(terms('   ')).to.deep.equal([]);
  });

  it('matches every topic on a blank query', () => {
    expect([...searchTopics(rightsContent.topics, ' ', fr).keys()]).to.have.length(
      rightsContent.topics.length,
    );
  });

  it('keeps every item of a topic whose title matches', () => {
    const found = searchTopics(rightsContent.topics, 'garde a vue', fr);
    const custody = rightsContent.topics.find((t) => t.id === 'police-custody');
    expect(found.get('police-custody')?.size).to.equal(custody?.sections.flatMap((s) => s.items).length);
  });

  it('keeps only the matching items elsewhere, all words required, accents ignored', () => {
    const found = searchTopics(rightsContent.topics, 'IGPN signalement', fr);
    // The topic summary names the IGPN but not « signalement »: items are matched with their
    // section title (« IGPN et IGGN »).
    expect([...(found.get('recourse') ?? [])]).to.deep.equal(['igpn', 'iggn', 'iggn-2023']);
    expect(searchTopics(rightsContent.topics, 'defenseur', fr).has('recourse')).to.equal(true);
    expect(searchTopics(rightsContent.topics, 'igpn zzzz', fr).size).to.equal(0);
  });

  it('searches the language shown', () => {
    expect(searchTopics(rightsContent.topics, 'custody', en).has('police-custody')).to.equal(true);
    expect(searchTopics(rightsContent.topics, 'custody', fr).size).to.equal(0);
  });
});
