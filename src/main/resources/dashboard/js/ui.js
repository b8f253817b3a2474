// Small DOM helpers shared by the pages: element builder, dialogs, toasts, tabs, form errors, copy buttons.

/** h('tag.class#id', {attrs, on: {event}}, ...children): builds an element; strings become text nodes. */
export function h(spec, attrs, ...children) {
  const m = /^([a-z0-9-]+)?((?:[.#][\w-]+)*)$/i.exec(spec);
  const el = document.createElement((m && m[1]) || 'div');
  if (m && m[2]) {
    for (const part of m[2].match(/[.#][\w-]+/g)) {
      if (part[0] === '.') el.classList.add(part.slice(1)); else el.id = part.slice(1);
    }
  }
  if (attrs && (typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs))) {
    children.unshift(attrs);
    attrs = null;
  }
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'on') for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
    else if (k === 'text') el.textContent = v;
    else if (k === 'class') el.className = v;
    else if (k === 'value') el.value = v;
    else if (k === 'checked' || k === 'disabled' || k === 'selected' || k === 'hidden' || k === 'required') el[k] = !!v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Replaces the children of `el`. */
export function mount(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

const ICONS = {
  pencil: 'M3 17.25V21h3.75L17.81 9.94l-3.75-3.75L3 17.25zM20.71 7.04a1 1 0 0 0 0-1.41l-2.34-2.34a1 1 0 0 0-1.41 0l-1.83 1.83 3.75 3.75 1.83-1.83z',
  trash: 'M6 19a2 2 0 0 0 2 2h8a2 2 0 0 0 2-2V7H6v12zM19 4h-3.5l-1-1h-5l-1 1H5v2h14V4z',
  copy: 'M16 1H4a2 2 0 0 0-2 2v14h2V3h12V1zm3 4H8a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h11a2 2 0 0 0 2-2V7a2 2 0 0 0-2-2zm0 16H8V7h11v14z',
  close: 'M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z',
};

/** An inline SVG icon (decorative: the button around it carries the label). */
export function icon(name) {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', ICONS[name]);
  path.setAttribute('fill', 'currentColor');
  svg.append(path);
  return svg;
}

export function toast(message, kind) {
  const el = h('div.toast', { class: 'toast' + (kind === 'error' ? ' toast-error' : '') }, message);
  const box = document.getElementById('toasts');
  box.append(el);
  while (box.children.length > 2) box.firstChild.remove();
  setTimeout(() => el.remove(), kind === 'error' ? 7000 : 3500);
}

/**
 * A modal dialog: `body` is a node (or list), `actions` are buttons. Resolves when closed; Escape and the Cancel
 * button close it. Returns {dialog, close, done} where done is the promise.
 */
export function modal(title, body, actions, opts = {}) {
  const titleId = 'dlg-' + Math.random().toString(36).slice(2);
  const dialog = h('dialog.modal', { 'aria-labelledby': titleId, id: opts.id },
    h('div.modal-header', h('h2', { id: titleId }, title)),
    h('div.modal-body', body),
    h('div.modal-footer', actions));
  document.body.append(dialog);
  let resolve;
  const done = new Promise((r) => { resolve = r; });
  const opener = document.activeElement;
  dialog.addEventListener('close', () => {
    dialog.remove();
    if (opener && opener.isConnected) opener.focus();
    resolve(dialog.returnValue);
  });
  dialog.showModal();
  const first = dialog.querySelector('[autofocus]') || dialog.querySelector('input, select, textarea');
  if (first) first.focus();
  return { dialog, close: (v) => dialog.close(v || ''), done };
}

/** Asks to confirm a destructive action; resolves to true when confirmed. */
export function confirmDialog(title, message, confirmLabel = 'Delete') {
  const cancel = h('button.btn', { type: 'button' }, 'Cancel');
  const ok = h('button.btn.btn-danger-solid', { type: 'button', 'data-confirm': '' }, confirmLabel);
  const m = modal(title, h('p', message), [cancel, ok]);
  cancel.addEventListener('click', () => m.close('cancel'));
  ok.addEventListener('click', () => m.close('ok'));
  cancel.focus();
  return m.done.then((v) => v === 'ok');
}

/** A labelled form field; returns {wrap, input, setError}. */
export function field(label, input, hint) {
  const id = input.id || 'f-' + Math.random().toString(36).slice(2);
  input.id = id;
  const error = h('p.field-error', { id: id + '-error', hidden: true, role: 'alert' });
  const hintEl = hint ? h('p.hint', { id: id + '-hint' }, hint) : null;
  input.setAttribute('aria-describedby', [hintEl && hintEl.id, error.id].filter(Boolean).join(' '));
  const wrap = h('div.field', h('label', { for: id }, label), input, hintEl, error);
  const setError = (msg) => {
    error.textContent = msg || '';
    error.hidden = !msg;
    if (msg) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid');
  };
  input.addEventListener('input', () => setError(null));
  return { wrap, input, setError };
}

/**
 * Shows an API error next to the field it names (by property), or in `formError` when it names none.
 * `fields` maps property names to the objects field() returned; `guess` maps an error to a property.
 */
export function showError(err, fields, formError, guess) {
  const property = err.property && fields[err.property] ? err.property : (guess ? guess(err) : null);
  const f = property && fields[property];
  Object.values(fields).forEach((x) => x.setError(null));
  if (f) {
    f.setError(err.message);
    f.input.focus();
    if (formError) formError.hidden = true;
  } else if (formError) {
    formError.textContent = err.message;
    formError.hidden = false;
  } else {
    toast(err.message, 'error');
  }
}

/** A tab list; `tabs` is [{id, label, render(panel)}]. Arrow keys move between tabs. Returns {el, select}. */
export function tabs(tabsSpec, selectedId, onSelect) {
  const list = h('div.tabs', { role: 'tablist' });
  const panels = h('div');
  const buttons = {};
  const panelEls = {};
  const select = (id, focus) => {
    for (const t of tabsSpec) {
      const on = t.id === id;
      buttons[t.id].setAttribute('aria-selected', on ? 'true' : 'false');
      buttons[t.id].tabIndex = on ? 0 : -1;
      panelEls[t.id].hidden = !on;
    }
    if (focus) buttons[id].focus();
    const spec = tabsSpec.find((t) => t.id === id);
    if (!panelEls[id].dataset.rendered || spec.rerender) {
      panelEls[id].dataset.rendered = '1';
      spec.render(panelEls[id]);
    }
    if (onSelect) onSelect(id);
  };
  tabsSpec.forEach((t, i) => {
    const b = h('button', { type: 'button', role: 'tab', id: 'tab-' + t.id, 'aria-controls': 'panel-' + t.id }, t.label);
    b.addEventListener('click', () => select(t.id));
    b.addEventListener('keydown', (e) => {
      if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
      const next = tabsSpec[(i + (e.key === 'ArrowRight' ? 1 : tabsSpec.length - 1)) % tabsSpec.length];
      select(next.id, true);
    });
    buttons[t.id] = b;
    list.append(b);
    panelEls[t.id] = h('div', { role: 'tabpanel', id: 'panel-' + t.id, 'aria-labelledby': 'tab-' + t.id, tabindex: '0', hidden: true });
    panels.append(panelEls[t.id]);
  });
  const el = h('div.tabset', list, panels);
  queueMicrotask(() => select(selectedId || tabsSpec[0].id));
  return { el, list, panels, panelEls, select };
}

/** A button that copies `text()` to the clipboard. */
export function copyButton(label, text) {
  const b = h('button.btn.btn-small', { type: 'button', 'aria-label': label }, icon('copy'), 'Copy');
  b.addEventListener('click', async () => {
    const value = typeof text === 'function' ? text() : text;
    try {
      await navigator.clipboard.writeText(value);
      toast('Copied to the clipboard');
    } catch (e) {
      const ta = h('textarea', { 'aria-hidden': 'true' });
      ta.value = value;
      document.body.append(ta);
      ta.select();
      const ok = document.execCommand('copy');
      ta.remove();
      toast(ok ? 'Copied to the clipboard' : 'Copy failed: select the text and copy it', ok ? undefined : 'error');
    }
  });
  return b;
}

/** A page header: breadcrumb (optional), title, description and actions on the right. */
export function pageHeader(title, description, actions, crumbs) {
  return h('div.page-header',
    h('div',
      crumbs ? h('nav.breadcrumb', { 'aria-label': 'Breadcrumb' }, crumbs) : null,
      h('h1', title),
      description ? h('p', description) : null),
    actions ? h('div.row', actions) : null);
}

export function formatDate(value) {
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export function pretty(value) {
  return JSON.stringify(value, null, 2);
}

/** Sets document.title and focuses the page heading for screen readers after navigation. */
export function announcePage(main, title) {
  document.title = title + ' · Tokenhook';
  const h1 = main.querySelector('h1');
  if (h1) {
    h1.tabIndex = -1;
    h1.focus({ preventScroll: true });
  }
}
