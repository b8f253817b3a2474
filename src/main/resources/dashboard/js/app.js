// The dashboard's entry point: hash routes to pages, session watch, navigation state.
import { onSessionExpired, sessionStatus } from './api.js';
import { h, mount, announcePage } from './ui.js';
import * as hooks from './hooks.js';
import * as editor from './editor.js';
import * as apis from './apis.js';
import * as applications from './applications.js';
import * as logs from './logs.js';
import * as tokenDebugger from './debugger.js';

const RETURN_KEY = 'tokenhook.return';
const main = document.getElementById('main');

const routes = [
  { pattern: /^\/hooks$/, nav: 'hooks', page: hooks.render },
  { pattern: /^\/hooks\/([^/]+)$/, nav: 'hooks', page: editor.render },
  { pattern: /^\/apis$/, nav: 'apis', page: apis.renderList },
  { pattern: /^\/apis\/([^/]+)(?:\/([\w-]+))?$/, nav: 'apis', page: apis.renderDetail },
  { pattern: /^\/applications$/, nav: 'applications', page: applications.renderList },
  { pattern: /^\/applications\/([^/]+)(?:\/([\w-]+))?$/, nav: 'applications', page: applications.renderDetail },
  { pattern: /^\/logs$/, nav: 'logs', page: logs.render },
  { pattern: /^\/debugger$/, nav: 'debugger', page: tokenDebugger.render },
];

let cleanup = null;
let expired = false;

async function route() {
  const path = (location.hash || '').replace(/^#/, '') || '/apis';
  const match = routes.map((r) => ({ r, m: r.pattern.exec(path) })).find((x) => x.m);
  if (typeof cleanup === 'function') {
    try { cleanup(); } catch (e) { /* a page that fails to clean up must not block navigation */ }
  }
  cleanup = null;
  if (!match) {
    location.replace('#/apis');
    return;
  }
  for (const a of document.querySelectorAll('[data-nav]')) {
    if (a.dataset.nav === match.r.nav) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  mount(main, h('p.loading', 'Loading…'));
  document.querySelectorAll('dialog[open]').forEach((d) => d.close());
  try {
    const params = match.m.slice(1).map((p) => (p === undefined ? undefined : decodeURIComponent(p)));
    cleanup = await match.r.page(main, ...params);
    announcePage(main, (main.querySelector('h1') || {}).textContent || 'Tokenhook');
  } catch (e) {
    if (expired) return;
    mount(main, h('div.page', h('div.form-error', { role: 'alert' }, 'This page could not be loaded: ' + e.message)));
  }
}

/** Keeps the place (the editor keeps its unsaved text itself) and goes to sign-in. */
function sessionExpired() {
  if (expired) return;
  expired = true;
  window.dispatchEvent(new Event('tokenhook:session-expired'));
  sessionStorage.setItem(RETURN_KEY, location.hash || '#/apis');
  location.assign('/login?expired');
}

onSessionExpired(sessionExpired);

async function watchSession() {
  if (expired) return;
  const status = await sessionStatus();
  if (status === null) sessionExpired();
}

const back = sessionStorage.getItem(RETURN_KEY);
if (back) {
  sessionStorage.removeItem(RETURN_KEY);
  if (!location.hash || location.hash === '#' || location.hash === '#/') history.replaceState(null, '', back);
}
window.addEventListener('hashchange', route);
setInterval(watchSession, 30_000);
document.addEventListener('visibilitychange', () => { if (!document.hidden) watchSession(); });
route();
