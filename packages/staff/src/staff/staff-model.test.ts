import { expect } from '@open-wc/testing';
import type { StaffMember } from '@proximite/contract';
import {
  EMPTY_FORM,
  actionsOf,
  checkForm,
  formOf,
  inviteInputOf,
  updateInputOf,
  upsert,
} from './staff-model.js';

const ALEX: StaffMember = {
  id: 'stf-2',
  email: 'alex@amiens.test',
  displayName: 'Alex Agent',
  role: 'agent',
  services: ['tranquillite-publique'],
  status: 'active',
  totpEnabled: true,
  createdAt: '2026-11-01T08:00:00Z',
  lastSignInAt: null,
};

describe('staff accounts model', () => {
  it('checks and builds an invitation', () => {
    expect(checkForm(EMPTY_FORM, 'invite')).to.deep.equal({ 'invite-email': 'email', 'invite-name': 'name' });
    const f = { email: ' camille@amiens.test ', displayName: ' Camille ', role: 'coordinator', services: [] };
    expect(checkForm(f, 'invite')).to.deep.equal({});
    expect(inviteInputOf(f)).to.deep.equal({
      email: 'camille@amiens.test',
      displayName: 'Camille',
      role: 'coordinator',
    });
    expect(inviteInputOf({ ...f, services: ['voirie'] }).services).to.deep.equal(['voirie']);
  });

  it('sends only what an edit changed', () => {
    expect(updateInputOf(ALEX, formOf(ALEX))).to.equal(undefined);
    expect(updateInputOf(ALEX, { ...formOf(ALEX), role: 'coordinator', services: [] })).to.deep.equal({
      role: 'coordinator',
      services: [],
    });
    expect(checkForm({ ...formOf(ALEX), displayName: ' ' }, 'edit')).to.deep.equal({ 'edit-name': 'name' });
  });

  it('offers actions by state, and none that would lock an admin out of their own account', () => {
    expect(actionsOf(ALEX, 'stf-1')).to.deep.equal(['edit', 'reset-password', 'reset-totp', 'disable']);
    expect(actionsOf({ ...ALEX, totpEnabled: false, status: 'disabled' }, 'stf-1')).to.deep.equal([
      'edit',
      'reset-password',
      'enable',
    ]);
    expect(actionsOf(ALEX, 'stf-2')).to.deep.equal(['edit']);
    expect(upsert([ALEX], { ...ALEX, status: 'disabled' })[0]!.status).to.equal('disabled');
    expect(upsert([ALEX], { ...ALEX, id: 'stf-9' }).map((m) => m.id)).to.deep.equal(['stf-9', 'stf-2']);
  });
});
