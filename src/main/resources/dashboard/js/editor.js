// The Hook Editor: Monaco with the hook's code, Save (Ctrl+S / Cmd+S), saved/unsaved state, syntax problems,
// and a side panel with the Runner, the Secrets and the hook's live logs.
import { get, post, patch, del, enc, ApiError } from './api.js';
import { h, mount, icon, confirmDialog, field, showError, toast, tabs, pretty, formatDate } from './ui.js';
import { loadMonaco } from './monaco.js';
import { triggerLabel, defaultPayload, STORED_ONLY } from './templates.js';

const DRAFT_PREFIX = 'tokenhook.draft.';

export async function render(main, id) {
  const hook = await get('/hooks/' + enc(id));
  const apis = await get('/resource-servers?per_page=100').catch(() => []);
  const state = { hook, saved: hook.script, editor: null, stream: null, disposed: false };
  const draft = readDraft(id);

  const saveState = h('span.save-state', { id: 'save-state', role: 'status', 'aria-live': 'polite' });
  const saveButton = h('button.btn.btn-primary', { type: 'button', id: 'save-hook' }, 'Save');
  const deleteButton = h('button.btn.btn-danger', { type: 'button', id: 'delete-hook' }, icon('trash'), 'Delete');
  const saveError = h('div.form-error', { id: 'save-error', role: 'alert', hidden: true });
  const restored = h('div.notice', { hidden: true, id: 'draft-restored' });
  const frame = h('div.editor-frame', { id: 'hook-editor', role: 'group', 'aria-label': 'Hook code' });
  const problems = h('div.problems', { id: 'problems', 'aria-live': 'polite' });

  const markState = () => {
    const unsaved = state.editor && state.editor.getValue() !== state.saved;
    saveState.textContent = unsaved ? '● Unsaved changes' : '✓ Saved';
    saveState.className = 'save-state ' + (unsaved ? 'unsaved' : 'saved');
    saveState.dataset.state = unsaved ? 'unsaved' : 'saved';
  };

  const save = async () => {
    if (!state.editor) return;
    const script = state.editor.getValue();
    saveButton.disabled = true;
    try {
      const updated = await patch('/hooks/' + enc(id), { script });
      state.saved = updated.script;
      state.hook = updated;
      clearDraft(id);
      saveError.hidden = true;
      restored.hidden = true;
      toast('Hook saved');
    } catch (e) {
      saveError.replaceChildren(h('strong', 'Not saved: '), e.message);
      saveError.hidden = false;
    } finally {
      saveButton.disabled = false;
      markState();
    }
  };

  saveButton.addEventListener('click', save);
  deleteButton.addEventListener('click', async () => {
    if (!await confirmDialog('Delete hook?', `The hook “${hook.name}” and its secrets will be deleted. This cannot be undone.`)) return;
    try {
      await del('/hooks/' + enc(id));
      clearDraft(id);
      toast(`${hook.name} was deleted`);
      location.hash = '#/hooks';
    } catch (e) {
      toast(e.message, 'error');
    }
  });

  const runs = hook.triggerId === 'credentials-exchange';
  const panel = tabs([
    { id: 'runner', label: 'Runner', render: (p) => runner(p, state, apis, runs) },
    { id: 'secrets', label: 'Secrets', render: (p) => secrets(p, id) },
    { id: 'logs', label: 'Logs', render: (p) => liveLogs(p, state, id) },
  ], 'runner');

  mount(main, h('div.page.editor-page',
    h('nav.breadcrumb', { 'aria-label': 'Breadcrumb' }, h('a', { href: '#/hooks' }, 'Hooks'), ' / ', triggerLabel(hook.triggerId)),
    h('div.editor-toolbar',
      h('h1', hook.name),
      h('span', { class: 'badge ' + (hook.enabled ? 'badge-success' : ''), id: 'enabled-badge' }, hook.enabled ? 'Enabled' : 'Disabled'),
      h('code.badge', hook.triggerId),
      saveState,
      h('span.spacer'),
      h('span.hint', 'Ctrl+S / ⌘S saves'),
      saveButton, deleteButton),
    runs ? null : h('div.callout.callout-warn', STORED_ONLY),
    saveError, restored,
    h('div.editor-layout',
      h('div.editor-main', frame, problems),
      h('section.side-panel', { 'aria-label': 'Runner, secrets and logs' }, panel.el))));

  const onKey = (e) => {
    if ((e.ctrlKey || e.metaKey) && !e.altKey && (e.key === 's' || e.key === 'S')) {
      e.preventDefault();
      save();
    }
  };
  window.addEventListener('keydown', onKey);
  const onUnload = (e) => {
    if (state.editor && state.editor.getValue() !== state.saved) {
      e.preventDefault();
      e.returnValue = '';
    }
  };
  window.addEventListener('beforeunload', onUnload);
  // the draft is already in sessionStorage: going to sign-in must not ask to leave
  const onExpired = () => window.removeEventListener('beforeunload', onUnload);
  window.addEventListener('tokenhook:session-expired', onExpired);

  const cleanup = () => {
    state.disposed = true;
    window.removeEventListener('keydown', onKey);
    window.removeEventListener('beforeunload', onUnload);
    window.removeEventListener('tokenhook:session-expired', onExpired);
    if (state.stream) state.stream.close();
    if (state.editor) {
      const model = state.editor.getModel();
      state.editor.dispose();
      if (model) model.dispose();
    }
  };

  let monaco;
  try {
    monaco = await loadMonaco();
  } catch (e) {
    mount(frame, h('p.form-error', { role: 'alert' }, e.message));
    return cleanup;
  }
  if (state.disposed) return cleanup;
  const initial = draft && draft.script !== hook.script ? draft.script : hook.script;
  if (initial !== hook.script) {
    restored.textContent = 'Your unsaved changes were restored. Save to keep them, or reload the saved code from the Hooks page.';
    restored.hidden = false;
  }
  const model = monaco.editor.createModel(initial, 'javascript');
  state.editor = monaco.editor.create(frame, {
    model, automaticLayout: true, minimap: { enabled: false }, fontSize: 13, scrollBeyondLastLine: false,
    tabSize: 2, ariaLabel: 'Hook code editor', fixedOverflowWidgets: true,
  });
  state.editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, save);
  state.editor.onDidChangeModelContent(() => {
    const value = state.editor.getValue();
    if (value === state.saved) clearDraft(id); else writeDraft(id, value);
    markState();
  });
  const showProblems = () => {
    const markers = monaco.editor.getModelMarkers({ resource: model.uri })
      .filter((m) => m.severity >= monaco.MarkerSeverity.Error);
    mount(problems, markers.length === 0 ? null : [
      h('strong', `${markers.length} syntax ${markers.length === 1 ? 'error' : 'errors'} (saving will fail):`),
      h('ul', markers.slice(0, 5).map((m) => h('li', `Line ${m.startLineNumber}, column ${m.startColumn}: ${m.message}`)))]);
  };
  monaco.editor.onDidChangeMarkers((uris) => {
    if (!state.disposed && uris.some((u) => u.toString() === model.uri.toString())) showProblems();
  });
  markState();
  frame.dataset.ready = 'true';
  return cleanup;
}

function readDraft(id) {
  try {
    return JSON.parse(sessionStorage.getItem(DRAFT_PREFIX + id) || 'null');
  } catch (e) {
    return null;
  }
}

function writeDraft(id, script) {
  try {
    sessionStorage.setItem(DRAFT_PREFIX + id, JSON.stringify({ script, at: Date.now() }));
  } catch (e) { /* storage full: the editor still has the text */ }
}

function clearDraft(id) {
  sessionStorage.removeItem(DRAFT_PREFIX + id);
}

// ---- Runner

function runner(panel, state, apis, runs) {
  if (!runs) {
    mount(panel, h('p.muted', 'Only Client Credentials Exchange hooks run in Tokenhook.'));
    return;
  }
  const userApi = apis.find((a) => !a.is_system);
  const audience = userApi ? userApi.identifier : location.origin + '/api/v2/';
  const payload = h('textarea.runner-payload', { spellcheck: 'false', name: 'payload' });
  payload.value = pretty(defaultPayload(audience));
  const fPayload = field('Payload (JSON)', payload, 'client, scope, audience and context, as the hook receives them. Runs the code in the editor, saved or not; no token is issued.');
  const run = h('button.btn.btn-primary', { type: 'button', id: 'run-hook' }, 'Run');
  const result = h('div.mt-16', { id: 'runner-result', 'aria-live': 'polite' });
  run.addEventListener('click', async () => {
    let body;
    try {
      body = JSON.parse(payload.value);
      if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error('the payload must be a JSON object');
    } catch (e) {
      fPayload.setError('Invalid JSON: ' + e.message);
      payload.focus();
      return;
    }
    if (state.editor) body.script = state.editor.getValue();
    run.disabled = true;
    mount(result, h('p.muted', 'Running…'));
    try {
      const r = await post('/hooks/' + enc(state.hook.id) + '/test', body);
      mount(result, runResult(r));
    } catch (e) {
      if (e instanceof ApiError && e.status === 400 && e.property && e.property !== 'script') {
        fPayload.setError(e.message);
        mount(result);
      } else {
        mount(result, h('div.form-error', { role: 'alert' }, e.message));
      }
    } finally {
      run.disabled = false;
    }
  });
  mount(panel, fPayload.wrap, h('div.row', run, h('button.btn', {
    type: 'button', on: { click: () => { payload.value = pretty(defaultPayload(audience)); fPayload.setError(null); } },
  }, 'Reset payload')), result);
}

function runResult(r) {
  const ok = r.result === 'success';
  return h('div.stack', { 'data-result': r.result },
    h('div.row',
      h('span', { class: 'badge ' + (ok ? 'badge-success' : 'badge-danger') }, ok ? 'Success' : `Error ${r.status || ''}`),
      h('span.muted.small', { id: 'run-duration' }, `${Number(r.duration_ms).toFixed(1)} ms`)),
    ok ? [
      h('div', h('h3', 'Scope'), h('pre.code', { id: 'run-scope' }, (r.scope || []).join(' ') || '(none)')),
      h('div', h('h3', 'Claims added'), h('pre.code', { id: 'run-claims' }, pretty(r.claims || {}))),
      (r.warnings || []).length ? h('div', h('h3', 'Warnings'), h('ul', r.warnings.map((w) => h('li', w)))) : null,
    ] : [
      h('pre.code.result-error', { id: 'run-error' }, `${r.error}: ${r.error_description}` + (r.timed_out ? '\n(timed out)' : '')),
      r.stack ? h('details', h('summary', 'Stack'), h('pre.code', r.stack)) : null,
    ],
    h('div', h('h3', 'Console'), (r.console || []).length === 0
      ? h('p.muted.small', 'No console output.')
      : h('ul.console-lines', { id: 'run-console' }, r.console.map((c) => h('li', { class: 'lvl-' + c.level }, `[${c.level}] ${c.message}`)))));
}

// ---- Secrets

async function secrets(panel, id) {
  mount(panel, h('p.muted', 'Loading…'));
  let current;
  try {
    current = await get('/hooks/' + enc(id) + '/secrets');
  } catch (e) {
    mount(panel, h('p.form-error', { role: 'alert' }, e.message));
    return;
  }
  const names = Object.keys(current).sort();
  const list = h('ul.secrets-list', { id: 'secrets-list', 'aria-label': 'Secrets' },
    names.length === 0 ? h('li.muted', 'No secrets yet.') : names.map((n) => secretRow(panel, id, n)));
  const name = h('input', { name: 'secret-name', autocomplete: 'off', placeholder: 'API_KEY', maxlength: '128' });
  const value = h('input', { name: 'secret-value', type: 'password', autocomplete: 'new-password' });
  const fName = field('Name', name);
  const fValue = field('Value', value, 'Write-only: values are never shown again.');
  const formError = h('p.form-error', { role: 'alert', hidden: true });
  const add = h('button.btn.btn-primary', { type: 'submit' }, 'Add secret');
  const form = h('form', { id: 'add-secret', novalidate: true }, h('h3', 'Add a secret'), fName.wrap, fValue.wrap, formError, add);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!name.value.trim()) { fName.setError('Enter a name.'); name.focus(); return; }
    add.disabled = true;
    try {
      await post('/hooks/' + enc(id) + '/secrets', { [name.value.trim()]: value.value });
      toast(`Secret ${name.value.trim()} added`);
      await secrets(panel, id);
    } catch (err) {
      add.disabled = false;
      showError(err, { name: fName, value: fValue }, formError, (x) => (x.status === 409 || x.property ? 'name' : null));
    }
  });
  mount(panel,
    h('p.hint', 'Hooks read secrets as context.webtask.secrets.NAME (or event.secrets.NAME). Changes apply at once.'),
    list, form);
}

function secretRow(panel, id, name) {
  const li = h('li', { 'data-secret': name });
  const show = () => {
    const update = h('button.btn.btn-small', { type: 'button', 'aria-label': `Update secret ${name}` }, 'Update');
    const remove = h('button.icon-btn.danger', { type: 'button', 'aria-label': `Delete secret ${name}`, title: 'Delete' }, icon('trash'));
    update.addEventListener('click', edit);
    remove.addEventListener('click', async () => {
      if (!await confirmDialog('Delete secret?', `The secret ${name} will be deleted; hooks that read it get undefined.`)) return;
      try {
        await del('/hooks/' + enc(id) + '/secrets', [name]);
        toast(`Secret ${name} deleted`);
        await secrets(panel, id);
      } catch (e) {
        toast(e.message, 'error');
      }
    });
    mount(li, h('span.secret-name', name), h('span.secret-value', { 'aria-label': 'value hidden' }, '••••••'), update, remove);
  };
  const edit = () => {
    const input = h('input', { type: 'password', autocomplete: 'new-password', 'aria-label': `New value of ${name}` });
    const ok = h('button.btn.btn-small.btn-primary', { type: 'button' }, 'Save');
    const cancel = h('button.btn.btn-small', { type: 'button', on: { click: show } }, 'Cancel');
    ok.addEventListener('click', async () => {
      try {
        await patch('/hooks/' + enc(id) + '/secrets', { [name]: input.value });
        toast(`Secret ${name} updated`);
        show();
      } catch (e) {
        toast(e.message, 'error');
      }
    });
    input.addEventListener('keydown', (e) => { if (e.key === 'Enter') ok.click(); if (e.key === 'Escape') show(); });
    mount(li, h('span.secret-name', name), input, ok, cancel);
    input.focus();
  };
  show();
  return li;
}

// ---- Live logs

async function liveLogs(panel, state, id) {
  const q = 'hook_id:' + id;
  const list = h('ul.log-lines', { id: 'hook-logs', 'aria-live': 'polite', 'aria-label': 'Hook log events' });
  const status = h('span.small.muted', h('span.live-dot'), 'Connecting…');
  mount(panel, h('div.row', h('h3', 'Live logs'), h('span.spacer'), status),
    h('p.hint', 'Exchanges that ran this hook, its console output and its errors, as they happen. The Runner does not log.'),
    list);
  let newest = null;
  try {
    const recent = await get('/logs?per_page=20&q=' + enc(q));
    if (recent.length === 0) list.append(h('li.muted.empty-line', 'Nothing yet: exchanges that run this hook appear here.'));
    recent.reverse().forEach((e) => { addLine(list, e); newest = e.log_id; });
  } catch (e) {
    mount(list, h('li.form-error', e.message));
  }
  if (state.disposed) return;
  const url = '/api/v2/logs/stream?q=' + enc(q) + (newest ? '&from=' + enc(newest) : '');
  const source = new EventSource(url);
  state.stream = source;
  source.addEventListener('open', () => mount(status, h('span.live-dot.on'), 'Live'));
  source.addEventListener('log', (m) => {
    const empty = list.querySelector('.empty-line');
    if (empty) empty.remove();
    addLine(list, JSON.parse(m.data));
  });
  source.addEventListener('error', () => {
    mount(status, h('span.live-dot'), source.readyState === EventSource.CLOSED ? 'Disconnected' : 'Reconnecting…');
  });
}

function addLine(list, e) {
  const level = e.details && e.details.level;
  const text = e.type === 'seccft' ? `Token issued to ${e.client_name || e.client_id}${e.scope ? ' (scope: ' + e.scope + ')' : ''}`
    : e.type === 'feccft' ? `Token refused for ${e.client_name || e.client_id || 'unknown client'}: ${e.description}`
      : e.description;
  list.prepend(h('li', { 'data-type': e.type },
    h('span.when', formatDate(e.date)),
    h('span', { class: 'badge ' + (e.type === 'seccft' ? 'badge-success' : e.type === 'feccft' || e.type === 'hkerr' ? 'badge-danger' : level === 'warn' ? 'badge-warn' : '') }, e.type),
    ' ', text));
  while (list.children.length > 200) list.lastChild.remove();
}
