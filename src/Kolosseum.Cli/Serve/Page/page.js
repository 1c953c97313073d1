'use strict';
// The what-if page: builds the inputs from the scenario's own values, sends what the user changed to
// /api/view, shows progress and the report's content. A newer request aborts the older one here and on
// the server. User text is only ever set through textContent; the report markup comes escaped from the server.
(() => {
  const $ = (id) => document.getElementById(id);
  const form = $('inputs');
  const status = $('status');
  const progress = $('progress');
  const result = $('result');
  const text = $('scenario-text');
  const served = text.value;
  let edited = false;
  let fileName = 'pasted.yaml';
  let base = null;
  let controller = null;
  let timer = 0;
  let planned = 0;

  const say = (message) => { status.textContent = message; };

  function field(parent, label, id, value, attributes) {
    const row = document.createElement('label');
    row.append(document.createTextNode(label));
    const input = document.createElement('input');
    input.type = 'number';
    input.id = id;
    input.value = value === null || value === undefined ? '' : String(value);
    for (const [k, v] of Object.entries(attributes)) input.setAttribute(k, v);
    row.append(input);
    parent.append(row);
    return input;
  }

  function slider(parent, label, id, value, min, max, step, unit) {
    const row = document.createElement('label');
    row.className = 'range';
    row.append(document.createTextNode(label));
    const input = document.createElement('input');
    Object.assign(input, { type: 'range', id, min, max, step, value: String(value) });
    const shown = document.createElement('output');
    const show = () => { shown.textContent = input.value + unit; };
    input.addEventListener('input', show);
    show();
    row.append(input, shown);
    parent.append(row);
    return input;
  }

  function group(title) {
    const set = document.createElement('fieldset');
    const legend = document.createElement('legend');
    legend.textContent = title;
    set.append(legend);
    form.append(set);
    return set;
  }

  function build(inputs) {
    form.replaceChildren();
    inputs.options.forEach((o, i) => {
      const set = group(o.name);
      set.dataset.option = String(i);
      field(set, 'GPUs (' + o.gpu + ', ' + o.ownership + ')', 'gpus-' + i, o.gpus, { min: '1', step: '1' });
      field(set, 'rent, $/GPU-h', 'rent-' + i, o.rent_usd_per_gpu_hour === null ? '' : round(o.rent_usd_per_gpu_hour, 4), { min: '0', step: '0.01', placeholder: 'none' });
    });
    const training = group('Training');
    field(training, 'global batch (sequences)', 'batch', inputs.global_batch, { min: '1', step: '1' });
    field(training, 'largest batch the search may use', 'batch-max', inputs.global_batch_max, { min: '1', step: '1', placeholder: 'fixed' });
    const failures = group('Failures');
    slider(failures, 'failure rate ×', 'failure-scale', inputs.failure_rate_scale, 0.25, 4, 0.05, '×');
    slider(failures, 'restart time ×', 'restart-scale', inputs.restart_scale, 0.25, 4, 0.05, '×');
    const money = group('Money and power');
    field(money, 'electricity, $/kWh', 'electricity', round(inputs.electricity_usd_per_kwh, 5), { min: '0', step: '0.001' });
    slider(money, 'utilisation of owned GPUs', 'utilisation', round(inputs.utilisation_percent, 1), 10, 100, 1, ' %');
    field(money, 'site limit, MW', 'site', inputs.site_limit_mw === null ? '' : round(inputs.site_limit_mw, 3), { min: '1', step: '1', placeholder: 'none' });
  }

  const round = (x, digits) => Number(x.toFixed(digits));
  const value = (id) => { const v = $(id).value.trim(); return v === '' ? null : Number(v); };

  // Only what differs from the scenario's own value is sent, so unchanged inputs keep the scenario's source.
  function overrides() {
    if (!base) return null;
    const o = {};
    const differs = (id, was) => { const v = value(id); return v !== null && (was === null || Math.abs(v - was) > 1e-9 * Math.max(1, Math.abs(was))) ? v : undefined; };
    o.options = base.options.map((opt, i) => {
      const entry = {};
      const gpus = differs('gpus-' + i, opt.gpus);
      const rent = differs('rent-' + i, opt.rent_usd_per_gpu_hour === null ? null : round(opt.rent_usd_per_gpu_hour, 4));
      if (gpus !== undefined) entry.gpus = gpus;
      if (rent !== undefined) entry.rent_usd_per_gpu_hour = rent;
      return Object.keys(entry).length ? entry : null;
    });
    const set = (key, v) => { if (v !== undefined) o[key] = v; };
    set('global_batch', differs('batch', base.global_batch));
    set('global_batch_max', differs('batch-max', base.global_batch_max));
    set('failure_rate_scale', differs('failure-scale', base.failure_rate_scale));
    set('restart_scale', differs('restart-scale', base.restart_scale));
    set('electricity_usd_per_kwh', differs('electricity', round(base.electricity_usd_per_kwh, 5)));
    set('utilisation_percent', differs('utilisation', round(base.utilisation_percent, 1)));
    if (value('site') === null && base.site_limit_mw !== null) o.site_limit_mw = null;
    else set('site_limit_mw', differs('site', base.site_limit_mw === null ? null : round(base.site_limit_mw, 3)));
    return o;
  }

  async function plan() {
    if (controller) controller.abort();
    const mine = new AbortController();
    controller = mine;
    clearTimeout(timer);
    document.body.classList.add('busy');
    progress.hidden = false;
    progress.value = 0;
    say('planning…');
    const body = { scenario: edited ? text.value : null, file: edited ? fileName : null, overrides: overrides() };
    try {
      const response = await fetch('/api/view', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), signal: mine.signal,
      });
      if (response.status === 400) {
        problems((await response.json()).diagnostics);
        say('nothing planned: the scenario or an input has a problem (below)');
        return;
      }
      if (!response.ok) {
        say('the server answered ' + response.status + ': ' + (await response.text()));
        return;
      }
      await read(response, mine);
    } catch (error) {
      if (error.name !== 'AbortError') say('could not reach the server: ' + error.message);
    } finally {
      if (controller === mine) {
        controller = null;
        progress.hidden = true;
        document.body.classList.remove('busy');
      }
    }
  }

  async function read(response, mine) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value: chunk, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(chunk, { stream: true });
      let end;
      while ((end = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 1);
        if (line.trim() !== '' && controller === mine) handle(JSON.parse(line));
      }
    }
  }

  function handle(message) {
    if (message.progress) {
      const p = message.progress;
      say(p.option + ': ' + p.stage + (p.fraction > 0 && p.fraction < 1 ? ' ' + Math.round(p.fraction * 100) + ' %' : ''));
      progress.value = p.fraction;
    } else if (message.result) {
      show(message.result);
    } else if (message.cancelled) {
      say(message.cancelled);
    } else if (message.error) {
      say(message.error);
    }
  }

  function show(r) {
    problems([]);
    // The report's own markup, every user string escaped by the server (the same writer as the HTML report).
    $('title').innerHTML = r.title_html;
    $('subtitle').innerHTML = r.subtitle_html;
    result.innerHTML = r.html;
    if (!base) {
      base = r.inputs;
      build(r.inputs);
    }
    $('basis').textContent = 'Planned with ' + r.basis + ' This plan took ' + r.plan_ms + ' ms on the server.';
    say('planned in ' + r.plan_ms + ' ms');
    planned += 1;
    document.body.dataset.planned = String(planned);
  }

  function problems(list) {
    const box = $('problems');
    const items = $('problem-list');
    items.replaceChildren(...list.map((d) => { const li = document.createElement('li'); li.textContent = d.message; return li; }));
    box.hidden = list.length === 0;
  }

  function fresh(name) {
    base = null;
    $('scenario-name').textContent = name;
    plan();
  }

  form.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(plan, 250); });
  form.addEventListener('change', () => { clearTimeout(timer); timer = setTimeout(plan, 0); });
  form.addEventListener('submit', (event) => event.preventDefault());
  $('scenario-plan').addEventListener('click', () => { edited = true; fresh(fileName); });
  $('scenario-reset').addEventListener('click', () => {
    text.value = served;
    edited = false;
    fileName = 'pasted.yaml';
    fresh($('scenario-name').dataset.served);
  });
  $('scenario-file').addEventListener('change', async (event) => {
    const file = event.target.files[0];
    if (!file) return;
    text.value = await file.text();
    fileName = file.name;
    edited = true;
    fresh(file.name);
  });
  plan();
})();
