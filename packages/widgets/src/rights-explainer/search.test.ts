import { expect } from '@open-wc/testing';
import type { LocalizedText } from '@proximite/contract';
import { rightsContent } from '@proximite/content/rights/index.js';
import * as english from './search-en.js';
import * as french from './search-fr.js';
import { matches } from './highlight.js';
import { Query, fold, prepareStems, searchTopics, terms } from './search.js';

const fr = (text: LocalizedText | undefined) => text?.fr ?? '';
const en = (text: LocalizedText | undefined) => text?.en ?? text?.fr ?? '';

describe('rights search', () => {
  it('folds case and accents', () => {
    expect(fold('Défenseur DES Droits à Noël')).to.equal('defenseur des droits a noel');
    expect(terms('  Garde   À vue ')).to.deep.equal(['garde', 'a', 'vue']);
    // Small words are left out, unless the query has nothing else; apostrophes separate words.
    expect(terms('  Garde   À vue ', french.small)).to.deep.equal(['garde', 'vue']);
    expect(terms('contrôler mon identité', french.small)).to.deep.equal(['controler', 'identite']);
    expect(terms('contrôle d’identité', french.small)).to.deep.equal(['controle', 'identite']);
    expect(terms('de la', french.small)).to.deep.equal(['de', 'la']);
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

  it('finds « contrôler mon identité »: verb forms, accents and small words (French stemmer)', () => {
    for (const query of ['contrôler mon identité', 'controler mon identite', 'CONTRÔLES D’IDENTITÉ']) {
      expect([...searchTopics(rightsContent.topics, new Query(query, french), fr).keys()], query).to.include(
        'identity-checks',
      );
    }
    // Past participles and plurals: « filmé » finds the topic on filming the police.
    expect(
      searchTopics(rightsContent.topics, new Query('policier filmé', french), fr).has('filming-police'),
    ).to.equal(true);
    expect(searchTopics(rightsContent.topics, new Query('igpn zzzz', french), fr).size).to.equal(0);
  });

  it('finds « checking my identity » in English (English stemmer)', () => {
    const found = searchTopics(rightsContent.topics, new Query('checking my identity', english), en);
    expect([...found.keys()]).to.include('identity-checks');
  });

  it('stems each word once per language, as a resident types (issue 21)', () => {
    const counting = () => {
      const seen: string[] = [];
      return {
        seen,
        language: { small: french.small, stem: (word: string) => (seen.push(word), french.stem(word)) },
      };
    };
    const one = counting();
    const first = searchTopics(rightsContent.topics, new Query('fouil', one.language), fr);
    expect(one.seen.length).to.be.greaterThan(100);
    expect(new Set(one.seen).size).to.equal(one.seen.length);
    const stemmed = one.seen.length;
    const again = searchTopics(rightsContent.topics, new Query('fouille', one.language), fr);
    // Nothing is stemmed again (« fouille » is a word of the content); the results are the same
    // as without remembering.
    expect(one.seen.slice(stemmed)).to.deep.equal([]);
    expect([...again.keys()]).to.deep.equal([...first.keys()]);
    expect([...again.keys()]).to.deep.equal([
      ...searchTopics(rightsContent.topics, new Query('fouille', french), fr).keys(),
    ]);
    // Another language (or stemmer) has stems of its own.
    const other = counting();
    searchTopics(rightsContent.topics, new Query('fouille', other.language), fr);
    expect(other.seen.length).to.be.greaterThan(100);
    expect(other.seen).to.include('fouille');
  });

  it('stems the content ahead of a search, a slice per task, so the search stems nothing more (issue 21)', async () => {
    const seen: string[] = [];
    const language = {
      small: french.small,
      stem: (word: string) => {
        // Slow enough that the content's words cannot all be stemmed in one slice.
        const until = performance.now() + 0.05;
        while (performance.now() < until);
        seen.push(word);
        return french.stem(word);
      },
    };
    let tasksBetween = 0;
    const tick = () => {
      tasksBetween++;
      if (tasksBetween < 1000) setTimeout(tick, 0);
    };
    setTimeout(tick, 0);
    await prepareStems(rightsContent.topics, language, fr, 4);
    expect(seen.length).to.be.greaterThan(300);
    expect(new Set(seen).size).to.equal(seen.length);
    expect(tasksBetween).to.be.greaterThan(1);
    const prepared = new Set(seen);
    const found = searchTopics(rightsContent.topics, new Query('fouiller mon sac', language), fr);
    // Only the query's own words, if the content does not have them.
    expect(seen.slice(prepared.size)).to.deep.equal(['fouiller', 'sac'].filter((w) => !prepared.has(w)));
    expect([...found.keys()]).to.deep.equal([
      ...searchTopics(rightsContent.topics, new Query('fouiller mon sac', french), fr).keys(),
    ]);
  });

  it("folds the content ahead of a search without a stemmer, none in the caller's task (issue 21)", async () => {
    // Texts no other test has folded yet (the search remembers the words of every text it saw).
    const tag = `prepared${Math.random().toString(36).slice(2)}`;
    const topics = rightsContent.topics.map((topic) => ({
      ...topic,
      title: { fr: `${fr(topic.title)} ${tag}` },
    }));
    const normalize = String.prototype.normalize;
    // How many times a text of these topics was folded.
    let folds = 0;
    String.prototype.normalize = function (this: string, form?: string) {
      if (this.includes(tag)) folds++;
      return normalize.call(this, form);
    };
    try {
      const prepared = prepareStems(topics, undefined, fr);
      expect(folds).to.equal(0);
      await prepared;
      expect(folds).to.equal(topics.length);
      const found = searchTopics(topics, new Query(tag.slice(0, 5)), fr);
      // Their words were remembered: the search folds none of them again.
      expect(folds).to.equal(topics.length);
      expect(found.size).to.equal(topics.length);
    } finally {
      String.prototype.normalize = normalize;
    }
  });

  it('matches a word being typed by its beginning', () => {
    expect(
      searchTopics(rightsContent.topics, new Query('identi', french), fr).has('identity-checks'),
    ).to.equal(true);
  });

  it('finds the matching words of a text, as written, by their offsets', () => {
    const query = new Query('contrôler mon identité', french);
    const text = 'Le contrôle d’identité, et les contrôles.';
    const found = [...matches(query, text)];
    expect(found.map(([start, end]) => text.slice(start, end))).to.deep.equal([
      'contrôle',
      'identité',
      'contrôles',
    ]);
    expect(found[0]).to.deep.equal([3, 11]);
    expect([...matches(new Query('', french), 'Un texte.')]).to.deep.equal([]);
  });
});
