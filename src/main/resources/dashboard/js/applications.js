// Applications (clients): list, create a machine-to-machine application (secret shown once), settings with
// metadata, credentials with secret rotation, the APIs it is authorized for, delete.
import { get, post, patch, del, enc } from './api.js';
import { h, mount, icon, modal, confirmDialog, field, showError, toast, tabs, pageHeader, copyButton } from './ui.js';

export async function renderList(main) {
  const [apps, apis, grants] = await Promise.all([get('/clients?per_page=100'), get('/resource-servers?per_page=100'), get('/client-grants?per_page=100')]);
  const system = apis.find((a) => a.is_system);
  const isAdmin = (c) => system && grants.some((g) => g.client_id === c.client_id && g.audience === system.identifier);
  mount(main, h('div.page',
    pageHeader('Applications', 'Machine-to-machine applications are the services that ask for tokens with their client id and secret.',
      [h('button.btn.btn-primary', { type: 'button', id: 'create-app', on: { click: createDialog } }, '+ Create Application')]),
    h('div.card.card-flush', h('table.list', { 'aria-label': 'Applications' },
      h('thead', h('tr', ['Name', 'Client ID', 'Type'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', apps.map((c) => h('tr', { 'data-app': c.name },
        h('td.name-cell', h('a', { href: '#/applications/' + enc(c.client_id) }, c.name),
          isAdmin(c) ? [' ', h('span.badge.badge-accent', 'Management API access')] : null,
          c.description ? h('span.sub', c.description) : null),
        h('td', h('code', c.client_id)),
        h('td', typeLabel(c.app_type)))))))));
}

function typeLabel(appType) {
  return appType === 'non_interactive' ? 'Machine to Machine' : appType;
}

function createDialog() {
  const fName = field('Name', h('input', { name: 'name', autocomplete: 'off', maxlength: '255' }), 'e.g. Reporting service');
  const fDesc = field('Description (optional)', h('input', { name: 'description', autocomplete: 'off', maxlength: '140' }));
  const type = h('p', h('span.label', 'Application type'), h('span.badge.badge-accent', 'Machine to Machine'),
    h('span.hint', ' Uses the client credentials grant.'));
  const formError = h('p.form-error', { role: 'alert', hidden: true });
  const form = h('form', { id: 'new-app-form', novalidate: true }, fName.wrap, fDesc.wrap, type, formError);
  const cancel = h('button.btn', { type: 'button' }, 'Cancel');
  const create = h('button.btn.btn-primary', { type: 'submit', form: 'new-app-form' }, 'Create');
  const dlg = modal('New Machine to Machine Application', form, [cancel, create], { id: 'new-app' });
  cancel.addEventListener('click', () => dlg.close());
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!fName.input.value.trim()) { fName.setError('Enter a name.'); fName.input.focus(); return; }
    const body = { name: fName.input.value.trim(), app_type: 'non_interactive', grant_types: ['client_credentials'] };
    if (fDesc.input.value.trim()) body.description = fDesc.input.value.trim();
    create.disabled = true;
    try {
      const app = await post('/clients', body);
      dlg.close('created');
      await secretDialog('Application created', app, 'Copy the client secret now: Tokenhook keeps only a hash of it and will not show it again.');
      location.hash = '#/applications/' + enc(app.client_id);
    } catch (err) {
      create.disabled = false;
      showError(err, { name: fName, description: fDesc }, formError);
    }
  });
}

/** Shows an application's client id and secret once, with copy buttons. */
function secretDialog(title, app, message) {
  const done = h('button.btn.btn-primary', { type: 'button', autofocus: true }, 'Done, I saved the secret');
  const dlg = modal(title, [
    h('p.callout.callout-warn', message),
    h('div.field', h('span.label', 'Client ID'), h('div.copy-field', h('code.secret-box', { id: 'new-client-id' }, app.client_id), copyButton('Copy the client ID', app.client_id))),
    h('div.field', h('span.label', 'Client Secret'), h('div.copy-field', h('code.secret-box', { id: 'new-client-secret' }, app.client_secret), copyButton('Copy the client secret', app.client_secret))),
  ], [done], { id: 'secret-dialog' });
  done.addEventListener('click', () => dlg.close('done'));
  return dlg.done;
}

export async function renderDetail(main, id, tab) {
  const app = await get('/clients/' + enc(id));
  const panel = tabs([
    { id: 'settings', label: 'Settings', render: (p) => settings(p, app) },
    { id: 'credentials', label: 'Credentials', render: (p) => credentials(p, app) },
    { id: 'apis', label: 'APIs', rerender: true, render: (p) => authorizedApis(p, app) },
  ], tab || 'settings', (t) => history.replaceState(null, '', '#/applications/' + enc(id) + '/' + t));
  mount(main, h('div.page',
    pageHeader(app.name, null, null, [h('a', { href: '#/applications' }, 'Applications'), ' / ', app.name]),
    h('p.row.api-meta', h('span.badge.badge-accent', typeLabel(app.app_type)), h('span.muted', 'Client ID'), h('code', { id: 'app-client-id' }, app.client_id),
      copyButton('Copy the client ID', app.client_id)),
    panel.el));
}

function settings(panel, app) {
  const fName = field('Name', h('input', { name: 'name', value: app.name, maxlength: '255' }));
  const fDesc = field('Description', h('input', { name: 'description', value: app.description || '', maxlength: '140' }));
  const rows = h('div', { id: 'metadata-rows' });
  const addRow = (k, v) => {
    const key = h('input', { 'aria-label': 'Metadata key', value: k, maxlength: '255', 'data-meta-key': '' });
    const value = h('input', { 'aria-label': 'Metadata value', value: v, maxlength: '255', 'data-meta-value': '' });
    const row = h('div.metadata-row', key, value,
      h('button.icon-btn.danger', { type: 'button', 'aria-label': 'Remove this metadata', title: 'Remove', on: { click: () => row.remove() } }, icon('trash')));
    rows.append(row);
    return key;
  };
  Object.entries(app.client_metadata || {}).forEach(([k, v]) => addRow(k, v));
  const metaError = h('p.field-error', { role: 'alert', hidden: true, id: 'metadata-error' });
  const fMeta = {
    input: rows,
    setError: (m) => { metaError.textContent = m || ''; metaError.hidden = !m; },
  };
  const formError = h('p.form-error', { role: 'alert', hidden: true });
  const save = h('button.btn.btn-primary', { type: 'submit' }, 'Save Changes');
  const form = h('form.card', { id: 'app-settings', novalidate: true },
    h('h2', 'Basic information'), h('div.grid-2', fName.wrap, fDesc.wrap),
    h('h3', 'Application metadata'),
    h('p.hint.mb-12', 'Key/value pairs hooks read as client.metadata (at most 10; values up to 255 characters).'),
    rows, metaError,
    h('button.btn.btn-small', { type: 'button', id: 'add-metadata', on: { click: () => addRow('', '').focus() } }, '+ Add metadata'),
    formError, h('div.form-actions', save));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const metadata = {};
    for (const row of rows.querySelectorAll('.metadata-row')) {
      const k = row.querySelector('[data-meta-key]').value.trim();
      const v = row.querySelector('[data-meta-value]').value;
      if (!k && !v) continue;
      if (!k) { fMeta.setError('Every metadata value needs a key.'); return; }
      metadata[k] = v;
    }
    fMeta.setError(null);
    save.disabled = true;
    try {
      const body = { name: fName.input.value.trim(), client_metadata: metadata };
      body.description = fDesc.input.value.trim();
      const updated = await patch('/clients/' + enc(app.client_id), body);
      Object.assign(app, updated);
      formError.hidden = true;
      toast('Application saved');
    } catch (err) {
      showError(err, { name: fName, description: fDesc, client_metadata: fMeta }, formError);
    } finally {
      save.disabled = false;
    }
  });
  const remove = h('button.btn.btn-danger', { type: 'button', id: 'delete-app' }, icon('trash'), 'Delete application');
  remove.addEventListener('click', async () => {
    if (!await confirmDialog('Delete application?', `${app.name} and its authorizations will be deleted; its secret stops working at once.`)) return;
    try {
      await del('/clients/' + enc(app.client_id));
      toast(`${app.name} deleted`);
      location.hash = '#/applications';
    } catch (err) {
      toast(err.message, 'error');
    }
  });
  mount(panel, form, h('div.card', h('div.card-header', h('div', h('h2', 'Danger zone'),
    h('p.muted', 'Deleting the application removes its grants; tokens already issued stay valid until they expire.')), remove)));
}

function credentials(panel, app) {
  const rotate = h('button.btn.btn-danger', { type: 'button', id: 'rotate-secret' }, 'Rotate secret');
  rotate.addEventListener('click', async () => {
    if (!await confirmDialog('Rotate the client secret?', `A new secret is generated for ${app.name}; the current one stops working at once.`, 'Rotate')) return;
    try {
      const rotated = await post('/clients/' + enc(app.client_id) + '/rotate-secret');
      await secretDialog('New client secret', rotated, 'The old secret no longer works. Copy the new one now: it will not be shown again.');
    } catch (err) {
      toast(err.message, 'error');
    }
  });
  mount(panel, h('div.card',
    h('h2', 'Credentials'),
    h('dl.kv',
      h('dt', 'Client ID'), h('dd', h('div.copy-field', h('code', app.client_id), copyButton('Copy the client ID', app.client_id))),
      h('dt', 'Client Secret'), h('dd', h('span.muted', 'Stored only as a hash: it was shown once, when the application was created or its secret rotated.')),
      h('dt', 'Authentication'), h('dd', h('code', app.token_endpoint_auth_method), h('span.muted.small', ' (client_secret_post and client_secret_basic are both accepted)')),
      h('dt', 'Token endpoint'), h('dd', h('code', location.origin + '/oauth/token')))),
  h('div.card', h('div.card-header', h('div', h('h2', 'Rotate secret'),
    h('p.muted', 'Generates a new secret and shows it once. Use it when a secret may have leaked.')), rotate)));
}

async function authorizedApis(panel, app) {
  mount(panel, h('p.muted', 'Loading…'));
  const [grants, apis] = await Promise.all([get('/client-grants?per_page=100&client_id=' + enc(app.client_id)), get('/resource-servers?per_page=100')]);
  mount(panel, h('p.hint.mb-12', 'The APIs this application may get tokens for. Authorize it on an API’s Machine to Machine Applications tab.'),
    h('div.card.card-flush', grants.length === 0 ? h('p.empty', 'Not authorized for any API yet.') : h('table.list', { 'aria-label': 'Authorized APIs' },
      h('thead', h('tr', h('th', { scope: 'col' }, 'API'), h('th', { scope: 'col' }, 'Granted permissions'))),
      h('tbody', grants.map((g) => {
        const api = apis.find((a) => a.identifier === g.audience);
        return h('tr', h('td.name-cell', api ? h('a', { href: '#/apis/' + enc(api.id) + '/m2m' }, api.name) : g.audience, h('span.sub.mono', g.audience)),
          h('td', g.scope.length ? g.scope.map((s) => h('span.scope-token', s)) : h('span.muted', '(none)')));
      })))));
}
