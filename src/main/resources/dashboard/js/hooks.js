// The Hooks page: hooks listed under their extensibility point, the one-enabled toggle, create and delete.
import { get, post, patch, del, enc, ApiError } from './api.js';
import { h, mount, icon, modal, confirmDialog, field, showError, toast, pageHeader } from './ui.js';
import { TRIGGERS, STORED_ONLY, ONE_ENABLED_RULE, starterCode } from './templates.js';

export async function render(main) {
  const hooks = await get('/hooks?per_page=100');
  const page = h('div.page',
    pageHeader('Hooks',
      'Hooks are secure, self-contained JavaScript functions tied to an extensibility point. '
      + 'Tokenhook invokes the enabled hook at runtime to run your custom logic.',
      [h('button.btn.btn-primary', { type: 'button', id: 'create-hook', on: { click: () => createDialog(main, hooks) } },
        '+ Create New Hook')]),
    TRIGGERS.map((t) => triggerSection(main, t, hooks.filter((x) => x.triggerId === t.id))));
  mount(main, page);
}

function triggerSection(main, trigger, hooks) {
  const ruleId = 'rule-' + trigger.id;
  const enabled = hooks.find((x) => x.enabled);
  return h('section.card.card-flush.trigger', { 'aria-labelledby': 'title-' + trigger.id, 'data-trigger': trigger.id },
    h('div.trigger-intro',
      h('div.trigger-header',
        h('h2', { id: 'title-' + trigger.id }, trigger.label),
        h('code.badge', trigger.id),
        trigger.runs ? null : h('span.badge.badge-warn', 'Not run by Tokenhook')),
      h('p.hint', trigger.runs ? trigger.hint : STORED_ONLY),
      hooks.length > 1 || (hooks.length === 1 && trigger.runs)
        ? h('p.rule-note.muted', { id: ruleId }, ONE_ENABLED_RULE + (enabled ? ` Enabled now: ${enabled.name}.` : ' None is enabled now.'))
        : h('p.rule-note.muted', { id: ruleId, hidden: true }, ONE_ENABLED_RULE)),
    hooks.length === 0
      ? h('p.empty', 'No hooks for this extensibility point yet.')
      : h('table.list', { 'aria-label': trigger.label + ' hooks' },
        h('thead', h('tr', h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Enabled'), h('th', { scope: 'col' }, h('span.sr-only', 'Actions')))),
        h('tbody', hooks.map((hook) => hookRow(main, hook, trigger, ruleId)))));
}

function hookRow(main, hook, trigger, ruleId) {
  const toggle = h('button.switch', {
    type: 'button', role: 'switch', 'aria-checked': String(hook.enabled), 'aria-label': `Enable ${hook.name}`,
    'aria-describedby': ruleId, 'data-hook-toggle': hook.name,
  });
  toggle.addEventListener('click', async () => {
    toggle.disabled = true;
    const enabling = !hook.enabled;
    try {
      const before = await get('/hooks?triggerId=' + enc(hook.triggerId) + '&enabled=true');
      await patch('/hooks/' + enc(hook.id), { enabled: enabling });
      const others = before.filter((x) => x.id !== hook.id).map((x) => x.name);
      toast(enabling
        ? `${hook.name} is enabled` + (others.length ? `; ${others.join(', ')} was disabled (only one hook per extensibility point can be enabled)` : '')
        : `${hook.name} is disabled`);
      await render(main);
      const again = main.querySelector(`[data-hook-toggle="${CSS.escape(hook.name)}"]`);
      if (again) again.focus();
    } catch (e) {
      toggle.disabled = false;
      toast(e.message, 'error');
    }
  });
  const remove = h('button.icon-btn.danger', { type: 'button', 'aria-label': `Delete hook ${hook.name}`, title: 'Delete' }, icon('trash'));
  remove.addEventListener('click', async () => {
    const ok = await confirmDialog('Delete hook?', `The hook “${hook.name}” and its secrets will be deleted. This cannot be undone.`);
    if (!ok) return;
    try {
      await del('/hooks/' + enc(hook.id));
      toast(`${hook.name} was deleted`);
      await render(main);
    } catch (e) {
      toast(e.message, 'error');
    }
  });
  return h('tr.hook-row', { 'data-hook': hook.name },
    h('td.name-cell', h('a', { href: '#/hooks/' + enc(hook.id) }, hook.name), h('span.sub.mono', hook.id)),
    h('td', h('span.switch-label', toggle,
      h('span', { class: 'badge ' + (hook.enabled ? 'badge-success' : '') }, hook.enabled ? 'Enabled' : 'Disabled'))),
    h('td.actions',
      h('a.icon-btn', { href: '#/hooks/' + enc(hook.id), 'aria-label': `Edit hook ${hook.name}`, title: 'Edit in the Hook Editor', 'data-edit': hook.name }, icon('pencil')),
      remove));
}

function createDialog(main, hooks) {
  const select = h('select', { name: 'triggerId' }, TRIGGERS.map((t) => h('option', { value: t.id }, t.label)));
  const name = h('input', { name: 'name', autocomplete: 'off', required: true, maxlength: '128' });
  const fTrigger = field('Hook', select);
  const fName = field('Name', name, 'Letters, digits, spaces and “-”; unique.');
  const note = h('p.hint', { 'aria-live': 'polite' });
  const formError = h('p.form-error', { role: 'alert', hidden: true });
  const updateNote = () => {
    const existing = hooks.filter((x) => x.triggerId === select.value);
    note.textContent = existing.length === 0
      ? 'This is the first hook of this extensibility point: it will be created enabled.'
      : 'This extensibility point already has a hook: the new one starts disabled. Only one can be enabled.';
  };
  select.addEventListener('change', updateNote);
  updateNote();
  const form = h('form', { id: 'new-hook-form', novalidate: true }, fTrigger.wrap, fName.wrap, note, formError);
  const cancel = h('button.btn', { type: 'button' }, 'Cancel');
  const create = h('button.btn.btn-primary', { type: 'submit', form: 'new-hook-form' }, 'Create');
  const dlg = modal('New Hook', form, [cancel, create], { id: 'new-hook' });
  cancel.addEventListener('click', () => dlg.close());
  select.focus();
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const value = name.value.trim();
    if (!value) {
      fName.setError('Enter a name for the hook.');
      name.focus();
      return;
    }
    create.disabled = true;
    const triggerId = select.value;
    const first = !hooks.some((x) => x.triggerId === triggerId);
    try {
      await post('/hooks', { name: value, triggerId, script: starterCode(triggerId), enabled: first });
      dlg.close('created');
      toast(`Hook ${value} created` + (first ? ' and enabled' : ' (disabled)'));
      await render(main);
    } catch (err) {
      create.disabled = false;
      showError(err, { name: fName, triggerId: fTrigger }, formError, (x) => (x.status === 409 ? 'name' : null));
    }
  });
}

export { ApiError };
