// The page's own script (an external file: the policy forbids inline scripts).
// - `?lang=en` switches the page and, through <html lang>, every widget.
// - Counts the policy's violations and shows the count (0 is the goal), so a webmaster sees at a
//   glance whether the widgets need anything the policy refuses.
const lang = new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'fr';
document.documentElement.lang = lang;
for (const el of document.querySelectorAll('[data-fr]')) el.textContent = el.dataset[lang] ?? el.dataset.fr;
for (const link of document.querySelectorAll('a.lang'))
  if (link.hreflang === lang) link.setAttribute('aria-current', 'true');

const output = document.querySelector('.violations');
let violations = 0;
function show() {
  output.dataset.violations = String(violations);
  output.textContent =
    lang === 'en'
      ? `Policy violations on this page: ${violations}`
      : `Violations de la politique sur cette page : ${violations}`;
}
document.addEventListener('securitypolicyviolation', (event) => {
  violations += 1;
  console.error(`CSP violation: ${event.violatedDirective} (${event.blockedURI || 'inline'})`);
  show();
});
show();
