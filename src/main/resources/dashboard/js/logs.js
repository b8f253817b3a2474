// Logs: a table of events with filters (type, application, hook), a live mode fed by the event stream, and a
// details panel per event.
import { get, enc } from './api.js';
import { h, mount, icon, pageHeader, pretty, formatDate } from './ui.js';

const TYPES = [
  ['seccft', 'Success Exchange', 'A token was issued (client credentials)'],
  ['feccft', 'Failed Exchange', 'A token request was refused'],
  ['sapi', 'Management API write', 'A change through the Management API or the dashboard'],
  ['fapi', 'Failed management write', 'A change refused: missing scope, invalid input, not found, conflict'],
  ['hkcon', 'Hook console', 'A hook wrote to the console, or the claim policy dropped something'],
  ['hkerr', 'Hook error', 'A hook failed or passed its deadline'],
];
const PAGE = 50;

export async function render(main) {
  const [clients, hooks] = await Promise.all([get('/clients?per_page=100').catch(() => []), get('/hooks?per_page=100').catch(() => [])]);
  const names = Object.fromEntries(clients.map((c) => [c.client_id, c.name]));
  const hookNames = Object.fromEntries(hooks.map((x) => [x.id, x.name]));
  const state = { events: [], source: null, selected: null, live: false };

  const type = h('select', { id: 'filter-type' }, h('option', { value: '' }, 'All types'), TYPES.map(([v, l]) => h('option', { value: v }, `${l} (${v})`)));
  const app = h('select', { id: 'filter-app' }, h('option', { value: '' }, 'All applications'), clients.map((c) => h('option', { value: c.client_id }, c.name)));
  const hook = h('select', { id: 'filter-hook' }, h('option', { value: '' }, 'All hooks'), hooks.map((x) => h('option', { value: x.id }, x.name)));
  const live = h('button.btn', { type: 'button', id: 'live-toggle', 'aria-pressed': 'false' }, h('span.live-dot'), 'Live');
  const refresh = h('button.btn', { type: 'button', id: 'refresh-logs' }, 'Refresh');
  const tbody = h('tbody', { id: 'log-rows' });
  const more = h('button.btn', { type: 'button', id: 'older-logs', hidden: true }, 'Load older events');
  const status = h('p.small.muted', { id: 'logs-status', role: 'status' });
  const details = h('aside.card.details-panel', { id: 'log-details', hidden: true, 'aria-label': 'Event details' });
  const layout = h('div.logs-layout',
    h('div', h('div.card.card-flush', h('table.list', { 'aria-label': 'Log events' },
      h('thead', h('tr', ['Date', 'Type', 'Description', 'Application', 'Hook'].map((c) => h('th', { scope: 'col' }, c)))),
      tbody)), h('div.row.mt-16', more, status)),
    details);

  const query = () => [
    type.value && `type:${type.value}`,
    app.value && `client_id:${app.value}`,
    hook.value && `hook_id:${hook.value}`,
  ].filter(Boolean).join(' AND ');

  const rowFor = (e, fresh) => {
    const tr = h('tr.clickable', { tabindex: '0', 'data-log-id': e.log_id, 'data-type': e.type, class: 'clickable' + (fresh ? ' fresh' : '') },
      h('td.date-cell', formatDate(e.date)),
      h('td', h('span', { class: 'badge type-code ' + badgeClass(e), title: typeLabel(e.type) }, e.type)),
      h('td', e.description || ''),
      h('td', e.client_name || names[e.client_id] || (e.details && e.details.actor) || e.client_id || ''),
      h('td', e.hook_id ? hookNames[e.hook_id] || (e.details && (e.details.hook_name || (e.details.hook && e.details.hook.name))) || e.hook_id : ''));
    const open = () => showDetails(e, tr);
    tr.addEventListener('click', open);
    tr.addEventListener('keydown', (ev) => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); open(); } });
    return tr;
  };

  const showDetails = (e, tr) => {
    for (const r of tbody.querySelectorAll('tr.selected')) r.classList.remove('selected');
    if (tr) tr.classList.add('selected');
    state.selected = e.log_id;
    const close = h('button.icon-btn', { type: 'button', 'aria-label': 'Close the details', title: 'Close' }, icon('close'));
    close.addEventListener('click', () => {
      details.hidden = true;
      if (tr && tr.isConnected) tr.focus();
    });
    const kv = [['Type', `${e.type} · ${typeLabel(e.type)}`], ['Date', formatDate(e.date)], ['Description', e.description],
      ['Application', e.client_name || names[e.client_id]], ['Client ID', e.client_id], ['Audience', e.audience], ['Scope', e.scope],
      ['Hook', e.hook_id ? `${hookNames[e.hook_id] || ''} ${e.hook_id}` : null], ['Actor', e.details && e.details.actor],
      ...changeRows(e.details || {}),
      ['Requested by', e.details && e.details.requested_by], ['IP', e.ip], ['User agent', e.user_agent], ['Log ID', e.log_id]]
      .filter(([, v]) => v !== undefined && v !== null && v !== '');
    mount(details, h('div.card-header', h('h2', 'Event details'), close),
      h('dl.kv', kv.map(([k, v]) => [h('dt', k), h('dd', String(v))])),
      h('h3.mt-16', 'Raw event'), h('pre.code', { id: 'log-raw' }, pretty(e)));
    details.hidden = false;
    details.onkeydown = (ev) => { if (ev.key === 'Escape') close.click(); };
    close.focus();
  };

  const draw = () => {
    mount(tbody, state.events.length === 0
      ? h('tr', h('td.empty', { colspan: '5' }, 'No events match these filters.'))
      : state.events.map((e) => rowFor(e)));
  };

  const load = async (older) => {
    const q = query();
    const bound = older && state.events.length ? `log_id:{* TO ${state.events[state.events.length - 1].log_id}}` : '';
    const full = [q, bound].filter(Boolean).join(' AND ');
    status.textContent = 'Loading…';
    try {
      const page = await get(`/logs?per_page=${PAGE}` + (full ? '&q=' + enc(full) : ''));
      state.events = older ? state.events.concat(page) : page;
      more.hidden = page.length < PAGE;
      status.textContent = `${state.events.length} event${state.events.length === 1 ? '' : 's'}` + (state.live ? ' · live' : '');
      draw();
    } catch (e) {
      status.textContent = e.message;
    }
  };

  const stopLive = () => {
    if (state.source) state.source.close();
    state.source = null;
  };
  const startLive = () => {
    stopLive();
    const q = query();
    const from = state.events.length ? state.events[0].log_id : null;
    const source = new EventSource('/api/v2/logs/stream?' + [q && 'q=' + enc(q), from && 'from=' + enc(from)].filter(Boolean).join('&'));
    state.source = source;
    source.addEventListener('log', (m) => {
      const e = JSON.parse(m.data);
      if (state.events.some((x) => x.log_id === e.log_id)) return;
      // newest first, by log id: an event another node wrote late goes where it belongs, not on top
      const at = state.events.findIndex((x) => x.log_id < e.log_id);
      const index = at === -1 ? state.events.length : at;
      state.events.splice(index, 0, e);
      const empty = tbody.querySelector('td.empty');
      if (empty) empty.parentElement.remove();
      const before = index < state.events.length - 1
        ? tbody.querySelector(`tr[data-log-id="${state.events[index + 1].log_id}"]`) : null;
      tbody.insertBefore(rowFor(e, true), before);
      status.textContent = `${state.events.length} events · live`;
    });
    source.addEventListener('error', () => {
      if (source.readyState === EventSource.CLOSED) setLive(false);
    });
  };
  const setLive = (on) => {
    state.live = on;
    live.setAttribute('aria-pressed', String(on));
    live.querySelector('.live-dot').classList.toggle('on', on);
    if (on) startLive(); else stopLive();
    status.textContent = `${state.events.length} events` + (on ? ' · live' : '');
  };

  for (const sel of [type, app, hook]) {
    sel.addEventListener('change', async () => {
      await load(false);
      if (state.live) startLive();
    });
  }
  live.addEventListener('click', () => setLive(!state.live));
  refresh.addEventListener('click', () => load(false));
  more.addEventListener('click', () => load(true));

  mount(main, h('div.page.page-wide',
    pageHeader('Logs', 'Every token exchange, every change and every hook’s output. Filter them, or turn on Live to watch them arrive.'),
    h('div.filters', { role: 'search', 'aria-label': 'Filter the logs' },
      h('div.field', h('label', { for: 'filter-type' }, 'Type'), type),
      h('div.field', h('label', { for: 'filter-app' }, 'Application'), app),
      h('div.field', h('label', { for: 'filter-hook' }, 'Hook'), hook),
      h('span.spacer'), refresh, live),
    layout));
  await load(false);
  return stopLive;
}

// What a management write (sapi) or refused write (fapi) changed: never values of secrets, only their names.
function changeRows(d) {
  const target = d.target ? [d.target.type, d.target.id].filter(Boolean).join(' ') : null;
  const script = d.script ? `${d.script.old_sha256 || '(none)'} → ${d.script.new_sha256 || '(none)'}` : null;
  return [['Operation', d.operation], ['Target', target],
    ['Request', d.request ? `${d.request.method} ${d.request.path}` : null],
    ['Status', d.response ? [d.response.statusCode, d.response.errorCode].filter(Boolean).join(' ') : null],
    ['Fields', d.fields && d.fields.join(', ')], ['Secret names', d.secrets && d.secrets.join(', ')],
    ['Script SHA-256', script], ['Keys', d.keys && d.keys.join(', ')]];
}

function typeLabel(type) {
  const t = TYPES.find(([v]) => v === type);
  return t ? t[1] : type;
}

function badgeClass(e) {
  if (e.type === 'seccft') return 'badge-success';
  if (e.type === 'feccft' || e.type === 'hkerr' || e.type === 'fapi') return 'badge-danger';
  if (e.type === 'hkcon' && e.details && e.details.level === 'warn') return 'badge-warn';
  if (e.type === 'sapi') return 'badge-accent';
  return '';
}
