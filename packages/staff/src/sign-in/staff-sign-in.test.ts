import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { PROBLEM_TYPES } from '@proximite/contract';
import { defineElement } from '@proximite/widgets/kit/define.js';
import { apiError, fakeClient, session, text } from '../test-fixtures/client.js';
import { StaffSignIn } from './staff-sign-in.js';

defineElement('prox-staff-sign-in', StaffSignIn);

type Client = ReturnType<typeof fakeClient>;

async function mount(client: Client, lang = 'fr', expired = false) {
  const el = await fixture<StaffSignIn>(
    html`<prox-staff-sign-in lang=${lang} .client=${client} ?expired=${expired}></prox-staff-sign-in>`,
  );
  await el.updateComplete;
  return el;
}
const $ = <T extends Element = HTMLInputElement>(el: StaffSignIn, selector: string) =>
  el.shadowRoot!.querySelector<T>(selector)!;
function fill(el: StaffSignIn, values: Record<string, string>) {
  for (const [id, value] of Object.entries(values)) $(el, `#${id}`).value = value;
}
const submit = (el: StaffSignIn) => $<HTMLButtonElement>(el, 'button[type="submit"]').click();

describe('<prox-staff-sign-in>', () => {
  it('asks for e-mail, password and the optional code, labelled, in French and English', async () => {
    const fr = await mount(fakeClient());
    expect(text($(fr, 'h1'))).to.equal('Connexion à la console');
    for (const id of ['email', 'password', 'otp']) expect($(fr, `label[for="${id}"]`)).to.exist;
    expect($(fr, '#email').autocomplete).to.equal('username');
    expect($(fr, '#password').autocomplete).to.equal('current-password');
    expect($(fr, '#otp').autocomplete).to.equal('one-time-code');
    await expect(fr).to.be.accessible();
    const en = await mount(fakeClient(), 'en');
    expect(text($(en, 'h1'))).to.equal('Sign in to the console');
    expect(text($(en, 'button[type="submit"]'))).to.equal('Sign in');
    await expect(en).to.be.accessible();
  });

  it('lists what is missing in a summary that takes focus, and marks the fields', async () => {
    const client = fakeClient();
    const el = await mount(client);
    submit(el);
    await waitUntil(
      () => el.shadowRoot!.activeElement?.classList.contains('notice--error'),
      'summary focused',
    );
    expect($(el, '#email').getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '#password').getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '#email').getAttribute('aria-describedby')).to.equal('email-error');
    expect(client.calls).to.deep.equal(['sso.providers']);
    await expect(el).to.be.accessible();
    $<HTMLAnchorElement>(el, '.notice--error a[href="#password"]').click();
    expect(el.shadowRoot!.activeElement?.id).to.equal('password');
  });

  it('signs in with the code when given, and says so with an event', async () => {
    let input: unknown;
    const client = fakeClient({ session: { signIn: async (i: unknown) => ((input = i), session()) } });
    const el = await mount(client);
    fill(el, { email: ' coordination@demo.proximite.test ', password: 'pw', otp: '123 456' });
    setTimeout(() => submit(el));
    const event = await oneEvent(el, 'prox-staff-signed-in');
    expect(event.detail.session.staff.displayName).to.equal('Dominique Coordination');
    expect(input).to.deep.equal({ email: 'coordination@demo.proximite.test', password: 'pw', otp: '123456' });
    expect($(el, '#password').value).to.equal('');
  });

  it('says a wrong password, a missing or wrong code, and a lock-out apart', async () => {
    let answer: Error = apiError(401, PROBLEM_TYPES.unauthorized);
    const client = fakeClient({ session: { signIn: async () => Promise.reject(answer) } });
    const el = await mount(client);
    fill(el, { email: 'a@b.test', password: 'pw' });
    submit(el);
    await waitUntil(() => text($(el, '[role="alert"]')).includes('mot de passe incorrect'));

    answer = apiError(401, PROBLEM_TYPES.otpRequired);
    submit(el);
    await waitUntil(() => $(el, '#otp').getAttribute('aria-invalid') === 'true');
    expect(text($(el, '#otp-error'))).to.include('saisissez le code');
    await expect(el).to.be.accessible();

    fill(el, { otp: '12' });
    submit(el);
    await waitUntil(() => text($(el, '#otp-error')) === 'Saisissez six chiffres.');

    answer = apiError(429, 'about:blank', 300);
    fill(el, { otp: '' });
    submit(el);
    await waitUntil(() => text($(el, '[role="alert"]')).includes('Réessayez dans 5 minutes'));
  });

  it('offers each single sign-on provider the server has', async () => {
    const client = fakeClient({ sso: { providers: async () => [{ id: 'proconnect', name: 'ProConnect' }] } });
    const el = await mount(client);
    await waitUntil(() => el.shadowRoot!.querySelector('.sso a'));
    const link = $<HTMLAnchorElement>(el, '.sso a');
    expect(text(link)).to.equal('Se connecter avec ProConnect');
    expect(link.getAttribute('href')).to.match(
      /^\/v1\/staff\/oidc\/login\?provider=proconnect&returnTo=http/,
    );
    await expect(el).to.be.accessible();
  });

  it('sets up the second factor when the role needs one and the account has none', async () => {
    let confirmed = '';
    const client = fakeClient({
      session: {
        signIn: async () => session({ secondFactor: 'enrolment-required' }),
        confirmTotp: async (otp: string) => ((confirmed = otp), session()),
      },
    });
    const el = await mount(client);
    fill(el, { email: 'admin@x.test', password: 'pw' });
    submit(el);
    await waitUntil(() => el.shadowRoot!.querySelector('img.qr'), 'the QR code shows');
    expect(text($(el, '.secret'))).to.equal('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567');
    expect($(el, 'img.qr').getAttribute('alt')).to.include('Code QR');
    expect(el.shadowRoot!.activeElement?.id).to.equal('otp');
    await expect(el).to.be.accessible();
    fill(el, { otp: '654321' });
    setTimeout(() => submit(el));
    await oneEvent(el, 'prox-staff-signed-in');
    expect(confirmed).to.equal('654321');
  });

  it('says the session ended, keeping the account’s address', async () => {
    const el = await fixture<StaffSignIn>(
      html`<prox-staff-sign-in .client=${fakeClient()} expired email="a@b.test"></prox-staff-sign-in>`,
    );
    expect(text($(el, 'h1'))).to.equal('Session expirée');
    expect(text(el.shadowRoot)).to.include('ce que vous étiez en train d’écrire est conservé');
    expect($(el, '#email').value).to.equal('a@b.test');
    await el.focusFirst();
    expect(el.shadowRoot!.activeElement?.id).to.equal('password');
  });
});
