import { expect } from '@open-wc/testing';
import {
  SESSION_HINT_KEY,
  forgetSession,
  maySignedIn,
  rememberSession,
  rememberSsoStart,
  rememberedScopes,
} from './session-hint.js';

function memory(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (k) => map.get(k) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (k) => void map.delete(k),
    setItem: (k, v) => void map.set(k, v),
  };
}

describe('session hint', () => {
  const now = new Date('2026-12-02T10:00:00Z');

  it('says no session before any sign-in, and one until the session’s end after it', () => {
    const store = memory();
    expect(maySignedIn(now, store)).to.equal(false);
    rememberSession('2026-12-02T18:00:00Z', store);
    expect(maySignedIn(now, store)).to.equal(true);
    expect(maySignedIn(new Date('2026-12-02T18:00:01Z'), store)).to.equal(false);
    forgetSession(store);
    expect(store.getItem(SESSION_HINT_KEY)).to.equal(null);
  });

  it('keeps the session’s scopes for a console opened with no network, as long as the session lasts', () => {
    const store = memory();
    expect(rememberedScopes(now, store)).to.equal(undefined);
    rememberSession('2026-12-02T18:00:00Z', store);
    expect(rememberedScopes(now, store)).to.equal(undefined);
    rememberSession('2026-12-02T18:00:00Z', store, ['concerns:triage']);
    expect(rememberedScopes(now, store)).to.deep.equal(['concerns:triage']);
    expect(rememberedScopes(new Date('2026-12-02T18:00:01Z'), store)).to.equal(undefined);
    forgetSession(store);
    expect(rememberedScopes(now, store)).to.equal(undefined);
  });

  it('expects a session back from a single sign-on for a while', () => {
    const store = memory();
    rememberSsoStart(now, store);
    expect(maySignedIn(new Date(now.getTime() + 10 * 60_000), store)).to.equal(true);
    expect(maySignedIn(new Date(now.getTime() + 16 * 60_000), store)).to.equal(false);
  });

  it('asks the server when the hint is unreadable or storage is refused', () => {
    const store = memory();
    store.setItem(SESSION_HINT_KEY, '{not json');
    expect(maySignedIn(now, store)).to.equal(true);
    store.setItem(SESSION_HINT_KEY, '{"until":"nonsense"}');
    expect(maySignedIn(now, store)).to.equal(false);
    expect(maySignedIn(now, null)).to.equal(true);
  });
});
