// `?lang=en` shows the page in English; the form follows <html lang>.
const lang = new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'fr';
document.documentElement.lang = lang;
for (const el of document.querySelectorAll('[data-fr]')) el.textContent = el.dataset[lang] ?? el.dataset.fr;
for (const link of document.querySelectorAll('a.lang'))
  if (link.hreflang === lang) link.setAttribute('aria-current', 'true');
document.title =
  lang === 'en'
    ? 'Report a problem in the neighbourhood — Saint-Leu Ensemble'
    : 'Signaler un problème dans le quartier — Saint-Leu Ensemble';
