// This page opts in to the console's service worker, which keeps the page and the console's files
// so that a reload with no network (café mode, under a tent with no signal) still works; the notes
// themselves wait in IndexedDB. The embeddable <prox-staff-console> never registers a worker: a
// site that embeds it decides for its own pages. A module script, as the page's CSP wants.
//
// The page requires Trusted Types for scripts (its CSP), and a worker's address is one: the policy
// `proximite-staff-sw` (allowed by the CSP) lets exactly this worker through and nothing else.
const WORKER = '/staff/service-worker.js';

if ('serviceWorker' in navigator) {
  const policy = globalThis.trustedTypes?.createPolicy('proximite-staff-sw', {
    createScriptURL: (url) => {
      if (url !== WORKER) throw new TypeError(`not the console's service worker: ${url}`);
      return url;
    },
  });
  navigator.serviceWorker
    .register(policy ? policy.createScriptURL(WORKER) : WORKER, { scope: '/staff/' })
    .catch((error) => {
      console.warn('Proximité: the console will not work offline.', error);
    });
}
