import { expect } from '@open-wc/testing';
import { linkTokenOf } from '../console/staff-console.js';
import { checkPasswords, enrolsSecondFactor } from './link-model.js';

const TOKEN = 'a'.repeat(40) + '_-9';

describe('staff link model', () => {
  it('reads the token of the fragment, and nothing else', () => {
    expect(linkTokenOf(`#proximite-link=${TOKEN}`)).to.equal(TOKEN);
    expect(linkTokenOf('#proximite-link=short')).to.equal(undefined);
    expect(linkTokenOf(`#/inbox?proximite-link=${TOKEN}`)).to.equal(undefined);
    expect(linkTokenOf('')).to.equal(undefined);
  });

  it('checks the password’s length and its confirmation', () => {
    expect(checkPasswords('short', 'short')).to.deep.equal({ 'new-password': 'short' });
    expect(checkPasswords('x'.repeat(257), 'x'.repeat(257))).to.deep.equal({ 'new-password': 'long' });
    expect(checkPasswords('correct horse battery', 'correct horse batterY')).to.deep.equal({
      'confirm-password': 'mismatch',
    });
    expect(checkPasswords('correct horse battery', 'correct horse battery')).to.deep.equal({});
  });

  it('knows which roles enrol a second factor at their first sign-in', () => {
    expect(enrolsSecondFactor({ role: 'admin', totpEnabled: false })).to.equal(true);
    expect(enrolsSecondFactor({ role: 'coordinator', totpEnabled: true })).to.equal(false);
    expect(enrolsSecondFactor({ role: 'agent', totpEnabled: false })).to.equal(false);
  });
});
