// The demo's language switch: the page's own texts and <html lang>, which every widget follows.
const buttons = document.querySelectorAll('.lang-switch');
function setLang(lang) {
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll('[data-fr]')) el.textContent = el.dataset[lang] ?? el.dataset.fr;
  for (const button of buttons) button.setAttribute('aria-pressed', String(button.dataset.lang === lang));
  document.title = lang === 'fr' ? 'Proximité — démonstration (Amiens)' : 'Proximité — demo (Amiens)';
}
for (const button of buttons) button.addEventListener('click', () => setLang(button.dataset.lang));
const requested = new URLSearchParams(location.search).get('lang');
if (requested === 'en' || requested === 'fr') setLang(requested);
