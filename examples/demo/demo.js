// The demo's language switch: the page's own texts and <html lang>, which every widget follows.
const buttons = document.querySelectorAll('.lang-switch');
// The public activity report of the current year, in the page's language.
const report = document.getElementById('public-report');
function setLang(lang) {
  document.documentElement.lang = lang;
  if (report) report.href = `/v1/reports/${new Date().getFullYear()}.html${lang === 'en' ? '?lang=en' : ''}`;
  for (const el of document.querySelectorAll('[data-fr]')) el.textContent = el.dataset[lang] ?? el.dataset.fr;
  for (const button of buttons) button.setAttribute('aria-pressed', String(button.dataset.lang === lang));
  document.title = lang === 'fr' ? 'Proximité — démonstration (Amiens)' : 'Proximité — demo (Amiens)';
}
for (const button of buttons) button.addEventListener('click', () => setLang(button.dataset.lang));
const requested = new URLSearchParams(location.search).get('lang');
setLang(requested === 'en' ? 'en' : 'fr');
