// APIs (resource servers): list, create, settings, permissions (scopes), Machine to Machine Applications
// (client grants) and Test (a real exchange for an authorized application, opened in the token debugger).
import { get, post, patch, del, enc, ApiError } from './api.js';
import { h, mount, icon, modal, confirmDialog, field, showError, toast, tabs, pageHeader, pretty, copyButton } from './ui.js';
import { openInDebugger } from './debugger.js';

const ALGS = [
  ['RS256', 'RS256 (RSA, tenant key)'], ['PS256', 'PS256 (RSA-PSS, tenant key)'],
  ['ES256', 'ES256 (P-256, tenant key)'], ['EdDSA', 'EdDSA (Ed25519, tenant key)'],
  ['HS256', 'HS256 (the API’s own shared secret)'],
];

export async function renderList(main) {
  const apis = await get('/resource-servers?per_page=100');
  mount(main, h('div.page',
    pageHeader('APIs', 'An API is what tokens are for: its identifier is the audience applications ask for, '
      + 'and it defines the permissions (scopes), the token lifetime and the signing algorithm.',
    [h('button.btn.btn-primary', { type: 'button', id: 'create-api', on: { click: () => createDialog() } }, '+ Create API')]),
    h('div.card.card-flush', h('table.list', { 'aria-label': 'APIs' },
      h('thead', h('tr', ['Name', 'Identifier (audience)', 'Signing', 'Token lifetime'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', apis.map((a) => h('tr', { 'data-api': a.identifier },
        h('td.name-cell', h('a', { href: '#/apis/' + enc(a.id) }, a.name || a.identifier),
          a.is_system ? [' ', h('span.badge.badge-accent', 'System')] : null),
        h('td', h('code', a.identifier)),
        h('td', h('code.badge', a.signing_alg)),
        h('td', lifetime(a.token_lifetime)))))))));
}

function lifetime(seconds) {
  if (seconds % 86400 === 0) return `${seconds / 86400} d (${seconds} s)`;
  if (seconds % 3600 === 0) return `${seconds / 3600} h (${seconds} s)`;
  return `${seconds} s`;
}

function createDialog() {
  const fName = field('Name', h('input', { name: 'name', autocomplete: 'off', maxlength: '200' }), 'A friendly name, e.g. Data API.');
  const fIdentifier = field('Identifier', h('input', { name: 'identifier', autocomplete: 'off', maxlength: '600', placeholder: 'https://api.example.com/data' }),
    'The audience applications ask for, usually a URL. It cannot be changed later.');
  const fAlg = field('Signing Algorithm', h('select', { name: 'signing_alg' }, ALGS.map(([v, l]) => h('option', { value: v }, l))));
  const fLifetime = field('Token lifetime (seconds)', h('input', { name: 'token_lifetime', type: 'number', min: '1', max: '2592000', value: '86400' }),
    'At most 2592000 (30 days). Default 86400 (24 hours).');
  const formError = h('p.form-error', { role: 'alert', hidden: true });
  const form = h('form', { id: 'new-api-form', novalidate: true }, fName.wrap, fIdentifier.wrap, fAlg.wrap, fLifetime.wrap, formError);
  const cancel = h('button.btn', { type: 'button' }, 'Cancel');
  const create = h('button.btn.btn-primary', { type: 'submit', form: 'new-api-form' }, 'Create');
  const dlg = modal('New API', form, [cancel, create], { id: 'new-api' });
  cancel.addEventListener('click', () => dlg.close());
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = { identifier: fIdentifier.input.value.trim(), signing_alg: fAlg.input.value };
    if (fName.input.value.trim()) body.name = fName.input.value.trim();
    const lt = fLifetime.input.value.trim();
    if (lt !== '') {
      if (!/^\d+$/.test(lt)) { fLifetime.setError('Enter a whole number of seconds.'); fLifetime.input.focus(); return; }
      body.token_lifetime = Number(lt);
    }
    create.disabled = true;
    try {
      const api = await post('/resource-servers', body);
      dlg.close('created');
      toast(`API ${api.name} created`);
      location.hash = '#/apis/' + enc(api.id) + '/permissions';
    } catch (err) {
      create.disabled = false;
      showError(err, { name: fName, identifier: fIdentifier, signing_alg: fAlg, token_lifetime: fLifetime }, formError,
        (x) => (x.status === 409 ? 'identifier' : null));
    }
  });
}

export async function renderDetail(main, id, tab) {
  const api = await get('/resource-servers/' + enc(id));
  const panel = tabs([
    { id: 'settings', label: 'Settings', render: (p) => settings(p, api) },
    { id: 'permissions', label: 'Permissions', render: (p) => permissions(p, api) },
    { id: 'm2m', label: 'Machine to Machine Applications', rerender: true, render: (p) => machineToMachine(p, api) },
    { id: 'test', label: 'Test', rerender: true, render: (p) => testTab(p, api) },
  ], tab || 'settings', (t) => history.replaceState(null, '', '#/apis/' + enc(id) + '/' + t));
  mount(main, h('div.page',
    pageHeader(api.name || api.identifier, null, null,
      [h('a', { href: '#/apis' }, 'APIs'), ' / ', api.name || api.identifier]),
    h('p.row.api-meta', h('span.muted', 'Identifier'), h('code', { id: 'api-identifier' }, api.identifier),
      h('code.badge', api.signing_alg), api.is_system ? h('span.badge.badge-accent', 'System API') : null),
    panel.el));
}

// ---- Settings

function settings(panel, api) {
  if (api.is_system) {
    mount(panel, h('div.card', h('p', 'The Management API is managed by Tokenhook: its identifier follows the issuer, '
      + 'and the admin application keeps every scope of it. It cannot be changed or deleted.')));
    return;
  }
  const fName = field('Name', h('input', { name: 'name', value: api.name || '', maxlength: '200' }));
  const fIdentifier = field('Identifier', h('input', { name: 'identifier', value: api.identifier, readonly: true }), 'Cannot be changed.');
  const fAlg = field('Signing Algorithm', h('input', { name: 'signing_alg', value: api.signing_alg, readonly: true }), 'Cannot be changed: create a new API for another algorithm.');
  const fLifetime = field('Token lifetime (seconds)', h('input', { name: 'token_lifetime', type: 'number', min: '1', max: '2592000', value: String(api.token_lifetime) }));
  const formError = h('p.form-error', { role: 'alert', hidden: true });
  const save = h('button.btn.btn-primary', { type: 'submit' }, 'Save');
  const form = h('form.card', { id: 'api-settings', novalidate: true }, h('h2', 'General settings'),
    h('div.grid-2', fName.wrap, fLifetime.wrap, fIdentifier.wrap, fAlg.wrap), formError, h('div.form-actions', save));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const lt = fLifetime.input.value.trim();
    if (!/^\d+$/.test(lt)) { fLifetime.setError('Enter a whole number of seconds.'); fLifetime.input.focus(); return; }
    save.disabled = true;
    try {
      const updated = await patch('/resource-servers/' + enc(api.id), { name: fName.input.value.trim() || api.identifier, token_lifetime: Number(lt) });
      Object.assign(api, updated);
      toast('Settings saved');
      formError.hidden = true;
    } catch (err) {
      showError(err, { name: fName, token_lifetime: fLifetime }, formError);
    } finally {
      save.disabled = false;
    }
  });
  const remove = h('button.btn.btn-danger', { type: 'button', id: 'delete-api' }, icon('trash'), 'Delete API');
  remove.addEventListener('click', async () => {
    if (!await confirmDialog('Delete API?', `The API ${api.name} and every application's authorization for it will be deleted. Tokens already issued stay valid until they expire.`)) return;
    try {
      await del('/resource-servers/' + enc(api.id));
      toast(`API ${api.name} deleted`);
      location.hash = '#/apis';
    } catch (err) {
      toast(err.message, 'error');
    }
  });
  mount(panel, form, h('div.card', h('div.card-header', h('div', h('h2', 'Danger zone'),
    h('p.muted', 'Deleting the API also removes the applications’ grants for it.')), remove)));
}

// ---- Permissions (scopes)

function permissions(panel, api) {
  const render = () => {
    const rows = api.scopes.length === 0
      ? h('p.empty', 'No permissions yet. Applications can still get tokens, without scopes.')
      : h('table.list', { 'aria-label': 'Permissions' },
        h('thead', h('tr', h('th', { scope: 'col' }, 'Permission'), h('th', { scope: 'col' }, 'Description'), h('th', { scope: 'col' }, h('span.sr-only', 'Actions')))),
        h('tbody', api.scopes.map((s) => h('tr', { 'data-scope': s.value },
          h('td', h('code', s.value)), h('td', s.description || ''),
          h('td.actions', api.is_system ? null : h('button.icon-btn.danger', {
            type: 'button', 'aria-label': `Remove permission ${s.value}`, title: 'Remove',
            on: { click: () => update(api.scopes.filter((x) => x.value !== s.value), `Permission ${s.value} removed`) },
          }, icon('trash')))))));
    const fValue = field('Permission', h('input', { name: 'scope', placeholder: 'read:data', autocomplete: 'off', maxlength: '280' }));
    const fDesc = field('Description', h('input', { name: 'description', placeholder: 'Read data', autocomplete: 'off', maxlength: '500' }));
    const formError = h('p.form-error', { role: 'alert', hidden: true });
    const add = h('button.btn.btn-primary.inline-submit', { type: 'submit' }, '+ Add');
    const form = h('form.inline-form', { id: 'add-scope', novalidate: true }, fValue.wrap, fDesc.wrap, add);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const value = fValue.input.value.trim();
      if (!value) { fValue.setError('Enter a permission, e.g. read:data.'); fValue.input.focus(); return; }
      if (api.scopes.some((s) => s.value === value)) { fValue.setError('This permission already exists.'); fValue.input.focus(); return; }
      const scope = { value };
      if (fDesc.input.value.trim()) scope.description = fDesc.input.value.trim();
      try {
        await update([...api.scopes, scope], `Permission ${value} added`);
        const again = panel.querySelector('#add-scope input[name=scope]');
        if (again) again.focus();
      } catch (err) {
        showError(err, { scopes: fValue }, formError);
      }
    });
    mount(panel,
      api.is_system ? null : h('div.card', h('h2', 'Add a permission'),
        h('p.hint.mb-12', 'Permissions are the scopes applications can be granted, e.g. read:data.'), form, formError),
      h('div.card.card-flush.mt-16', rows));
  };
  const update = async (scopes, message) => {
    const updated = await patch('/resource-servers/' + enc(api.id), { scopes });
    Object.assign(api, updated);
    toast(message);
    render();
  };
  render();
}

// ---- Machine to Machine Applications (client grants)

async function machineToMachine(panel, api) {
  mount(panel, h('p.muted', 'Loading…'));
  const [clients, grants] = await Promise.all([
    get('/clients?per_page=100'),
    get('/client-grants?per_page=100&audience=' + enc(api.identifier)),
  ]);
  const apps = clients.filter((c) => (c.grant_types || []).includes('client_credentials'));
  mount(panel,
    h('p.hint.mb-12', `Authorize machine-to-machine applications to get tokens for ${api.identifier}, and pick the permissions they are granted.`),
    apps.length === 0
      ? h('div.card', h('p', 'No machine-to-machine applications yet. ', h('a', { href: '#/applications' }, 'Create one'), ' first.'))
      : h('div.card.card-flush', h('ul.m2m-list', { 'aria-label': 'Machine to machine applications' },
        apps.map((app) => grantRow(panel, api, app, grants.find((g) => g.client_id === app.client_id))))));
}

function grantRow(panel, api, app, grant) {
  const li = h('li.m2m-item', { 'data-app': app.name });
  const toggle = h('button.switch', { type: 'button', role: 'switch', 'aria-checked': String(!!grant), 'aria-label': `Authorize ${app.name}`, 'data-authorize': app.name });
  const locked = api.is_system && grant && app.name === 'Tokenhook Admin';
  if (locked) toggle.disabled = true;
  toggle.addEventListener('click', async () => {
    toggle.disabled = true;
    try {
      if (grant) {
        if (!await confirmDialog('Deauthorize application?', `${app.name} will no longer get tokens for ${api.identifier}.`, 'Deauthorize')) {
          toggle.disabled = false;
          return;
        }
        await del('/client-grants/' + enc(grant.id));
        toast(`${app.name} is no longer authorized`);
      } else {
        await post('/client-grants', { client_id: app.client_id, audience: api.identifier, scope: [] });
        toast(`${app.name} is authorized: now pick its permissions`);
      }
      await machineToMachine(panel, api);
      const again = panel.querySelector(`[data-authorize="${CSS.escape(app.name)}"]`);
      if (again) again.focus();
    } catch (e) {
      toggle.disabled = false;
      toast(e.message, 'error');
    }
  });
  const head = h('div.m2m-head',
    h('div', h('strong', app.name), h('span.sub.mono', app.client_id)),
    h('span.spacer'),
    h('span.switch-label', h('span.small.muted', grant ? 'Authorized' : 'Unauthorized'), toggle));
  if (!grant) return mount(li, head);
  const boxes = api.scopes.map((s) => h('label.checkbox', h('input', { type: 'checkbox', value: s.value, checked: grant.scope.includes(s.value), disabled: locked }),
    h('code', s.value), s.description ? h('span.muted.small', s.description) : null));
  const save = h('button.btn.btn-primary.btn-small', { type: 'button', 'data-update-grant': app.name, disabled: locked }, 'Update');
  save.addEventListener('click', async () => {
    const scope = boxes.map((b) => b.querySelector('input')).filter((i) => i.checked).map((i) => i.value);
    save.disabled = true;
    try {
      const updated = await patch('/client-grants/' + enc(grant.id), { scope });
      grant.scope = updated.scope;
      toast(`Permissions of ${app.name} updated`);
    } catch (e) {
      toast(e.message, 'error');
    } finally {
      save.disabled = false;
    }
  });
  const setAll = (on) => boxes.forEach((b) => { b.querySelector('input').checked = on; });
  return mount(li, head, h('div.m2m-scopes',
    api.scopes.length === 0
      ? h('p.muted.small', 'This API defines no permissions: tokens carry no scopes. Add some in the Permissions tab.')
      : [h('div.row', h('span.label', 'Permissions'), h('span.small.muted', 'Select:'),
        h('button.btn.btn-ghost.btn-small', { type: 'button', on: { click: () => setAll(true) } }, 'All'),
        h('button.btn.btn-ghost.btn-small', { type: 'button', on: { click: () => setAll(false) } }, 'None')),
      h('div.checks', { role: 'group', 'aria-label': `Permissions of ${app.name}` }, boxes),
      h('div.form-actions', save)]));
}

// ---- Test: a real exchange for an authorized application

async function testTab(panel, api) {
  mount(panel, h('p.muted', 'Loading…'));
  const [clients, grants] = await Promise.all([
    get('/clients?per_page=100'),
    get('/client-grants?per_page=100&audience=' + enc(api.identifier)),
  ]);
  const authorized = grants.map((g) => ({ grant: g, app: clients.find((c) => c.client_id === g.client_id) })).filter((x) => x.app);
  if (api.is_system) {
    mount(panel, h('div.card', h('p', 'Management API tokens are not issued from the dashboard; use the admin application’s credentials.')));
    return;
  }
  if (authorized.length === 0) {
    mount(panel, h('div.card', h('h2', 'Test your hook'),
      h('p', 'No application is authorized for this API yet. Authorize one in the ',
        h('a', { href: '#/apis/' + enc(api.id) + '/m2m' }, 'Machine to Machine Applications'), ' tab first.')));
    return;
  }
  const select = h('select', { name: 'client' }, authorized.map((x) => h('option', { value: x.app.client_id }, `${x.app.name} (${x.app.client_id})`)));
  const fApp = field('Application', select);
  const fScope = field('Scope (optional)', h('input', { name: 'scope', autocomplete: 'off', placeholder: 'read:data' }),
    'Space-separated. Leave empty for every granted permission.');
  const fSecret = field('Client secret (optional)', h('input', { name: 'client_secret', type: 'password', autocomplete: 'off' }),
    'Secrets are stored only as hashes. Paste the application’s secret to send the exact request below from your browser, '
    + 'or leave it empty: Tokenhook then runs the same exchange on the application’s behalf (logged as such).');
  const curl = h('pre.code', { id: 'test-curl' });
  const result = h('div', { id: 'test-result', 'aria-live': 'polite' });
  const run = h('button.btn.btn-primary', { type: 'submit', id: 'get-token' }, 'Get token');
  const showCurl = () => {
    curl.textContent = curlFor(select.value, fSecret.input.value ? '$CLIENT_SECRET' : 'YOUR_CLIENT_SECRET', api.identifier, fScope.input.value.trim());
  };
  [select, fScope.input, fSecret.input].forEach((el) => el.addEventListener('input', showCurl));
  select.addEventListener('change', showCurl);
  showCurl();
  const form = h('form', { id: 'test-token-form', novalidate: true }, h('div.grid-2', fApp.wrap, fScope.wrap), fSecret.wrap, h('div.row', run));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    run.disabled = true;
    mount(result, h('p.muted', 'Asking for a token…'));
    const clientId = select.value;
    const scope = fScope.input.value.trim();
    try {
      let status;
      let body;
      if (fSecret.input.value) {
        ({ status, body } = await exchangeWithSecret(clientId, fSecret.input.value, api.identifier, scope));
      } else {
        const r = await post('/clients/' + enc(clientId) + '/test-token', scope ? { audience: api.identifier, scope } : { audience: api.identifier });
        ({ status, body } = { status: r.status, body: r.response });
      }
      const grant = authorized.find((x) => x.app.client_id === clientId).grant;
      mount(result, tokenResult(status, body, grant));
      result.scrollIntoView({ block: 'nearest' });
    } catch (err) {
      if (err instanceof ApiError && err.property) showError(err, { scope: fScope, audience: fApp }, null);
      mount(result, h('div.form-error', { role: 'alert' }, err.message));
    } finally {
      run.disabled = false;
    }
  });
  mount(panel, h('div.card', h('h2', 'Test your hook'),
    h('p.muted', 'Runs a real client credentials exchange for this API: the enabled Client Credentials Exchange hook runs, '
      + 'and the token opens in the token debugger.'),
    form),
  h('div.card', h('div.card-header', h('h2', 'The request'), copyButton('Copy the curl command', () => curl.textContent)), curl),
  h('div.card', h('h2', 'Response'), result));
}

async function exchangeWithSecret(clientId, secret, audience, scope) {
  const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret, audience });
  if (scope) form.set('scope', scope);
  const res = await fetch('/oauth/token', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form, credentials: 'omit' });
  return { status: res.status, body: await res.json() };
}

function shellQuote(s) {
  return /^[\w:/.@%+=,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

function curlFor(clientId, secret, audience, scope) {
  const lines = [
    `curl --request POST \\`,
    `  --url ${shellQuote(location.origin + '/oauth/token')} \\`,
    `  --header 'content-type: application/x-www-form-urlencoded' \\`,
    `  --data grant_type=client_credentials \\`,
    `  --data client_id=${shellQuote(clientId)} \\`,
    `  --data client_secret=${secret.startsWith('$') ? '"' + secret + '"' : secret} \\`,
    `  --data-urlencode audience=${shellQuote(audience)}` + (scope ? ' \\' : ''),
  ];
  if (scope) lines.push(`  --data-urlencode scope=${shellQuote(scope)}`);
  return lines.join('\n');
}

function tokenResult(status, body, grant) {
  const ok = status === 200 && body && body.access_token;
  return h('div.stack', { 'data-status': String(status) },
    h('div.row', h('span', { class: 'badge ' + (ok ? 'badge-success' : 'badge-danger') }, `HTTP ${status}`),
      ok ? h('span.small', 'scope: ', h('code', { id: 'test-scope' }, body.scope || '(none)')) : null),
    h('pre.code', { id: 'test-response' }, pretty(body)),
    ok ? h('div.row',
      h('button.btn.btn-primary', { type: 'button', id: 'open-debugger', on: { click: () => openInDebugger(body.access_token, grant.scope) } }, 'Open in the token debugger'),
      copyButton('Copy the access token', body.access_token)) : null);
}
