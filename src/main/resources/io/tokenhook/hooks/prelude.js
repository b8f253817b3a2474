// Tokenhook hook runtime prelude: evaluated once per pooled context, before any hook code.
// It is an expression whose value is the runtime object the host (HookContext.java) calls. The hook never
// sees that object: everything here lives in this closure. Data crosses the boundary as strings only: plain
// arguments in, JSON or the string-only form of flat() out.
(function (global) {
  'use strict';

  // Intrinsics captured before hook code runs: hooks may tamper with prototypes and globals of their own
  // context; the runtime's result handling must not be steered by that.
  const { keys, create, freeze, hasOwn, defineProperty, getPrototypeOf, getOwnPropertyNames } = Object;
  const isArray = Array.isArray;
  const parse = JSON.parse, quote = JSON.stringify;
  const apply = Reflect.apply, construct = Reflect.construct;
  const now = Date.now;
  const NativeError = Error, NativeTypeError = TypeError, NativeRangeError = RangeError;
  const NativePromise = Promise, promiseResolve = Promise.resolve, promiseThen = Promise.prototype.then;
  const strSlice = String.prototype.slice, strSplit = String.prototype.split, charCodeAt = String.prototype.charCodeAt;
  const toStr = String, mathMax = Math.max;
  const RESULT_MAX_CHARS = 1 << 20;   // a serialized hook result above 1 MiB is refused outright
  const RESULT_MAX_DEPTH = 64;        // also what stops circular structures

  // CONSTRAINED already denies host access, IO and the shell builtins; remove their names as well, so hooks see a
  // plain ECMAScript global object. An allowlist, not a list of names to remove: GraalJS defines more than it
  // documents (the Java package globals edu and javafx beside java, javax, com and org) and may add more.
  // SharedArrayBuffer and Atomics are ECMAScript but stay out: Atomics.wait could block the thread.
  const ECMASCRIPT_GLOBALS = 'AggregateError Array ArrayBuffer BigInt BigInt64Array BigUint64Array Boolean DataView ' +
    'Date Error EvalError FinalizationRegistry Float16Array Float32Array Float64Array Function Infinity Int16Array ' +
    'Int32Array Int8Array Intl Iterator JSON Map Math NaN Number Object Promise Proxy RangeError ReferenceError ' +
    'Reflect RegExp Set String Symbol SyntaxError TypeError URIError Uint16Array Uint32Array Uint8Array ' +
    'Uint8ClampedArray WeakMap WeakRef WeakSet decodeURI decodeURIComponent encodeURI encodeURIComponent escape eval ' +
    'globalThis isFinite isNaN parseFloat parseInt undefined unescape';
  const keep = create(null);
  for (const name of apply(strSplit, ECMASCRIPT_GLOBALS, [' '])) keep[name] = true;
  for (const name of getOwnPropertyNames(global)) {
    if (keep[name] === true) continue;
    try { delete global[name]; } catch (e) { /* non-configurable: checked below */ }
    // fail closed: a runtime that cannot remove a global never runs hooks (the warm-up's self-test reports it)
    if (hasOwn(global, name)) throw new NativeError('the hook runtime cannot remove the global ' + name);
  }

  let limits = { lines: 100, lineChars: 1000, totalChars: 16384 };
  let secrets = freeze(create(null));
  let legacyFn = null, actionsFn = null;
  let run = null;       // the run in progress; null between calls
  let timerSeq = 0;

  // ---- values out: a JSON writer over own properties only, immune to toJSON and prototype tampering ----
  const TOO_LONG = freeze(create(null));   // thrown by write() once out.s passes out.max characters

  function write(value, depth, out) {
    if (depth > RESULT_MAX_DEPTH) throw new NativeRangeError('value is nested too deeply (or circular)');
    const t = typeof value;
    if (t === 'string') {
      // cut before quoting: copying a string of many megabytes would only spend the memory budget
      const room = out.max - out.s.length;
      if (value.length > room) {
        out.s += quote(apply(strSlice, value, [0, mathMax(0, room)]));
        throw TOO_LONG;
      }
      out.s += quote(value);
    } else if (t === 'boolean') out.s += quote(value);
    else if (t === 'number') out.s += quote(value);            // NaN and Infinity become null, as in JSON
    else if (t === 'bigint') out.s += quote(toStr(value));
    else if (value === null || t !== 'object') out.s += 'null';
    else if (isArray(value)) {
      out.s += '[';
      for (let i = 0, n = value.length; i < n; i++) {
        if (i > 0) out.s += ',';
        const v = value[i], vt = typeof v;
        if (v === undefined || vt === 'function' || vt === 'symbol') out.s += 'null';
        else write(v, depth + 1, out);
      }
      out.s += ']';
    } else {
      out.s += '{';
      let first = true;
      const ks = keys(value);
      for (let i = 0; i < ks.length; i++) {
        const v = value[ks[i]], vt = typeof v;
        if (v === undefined || vt === 'function' || vt === 'symbol') continue;
        if (!first) out.s += ',';
        first = false;
        out.s += quote(ks[i]) + ':';
        write(v, depth + 1, out);
      }
      out.s += '}';
    }
    if (out.s.length > out.max) throw TOO_LONG;
  }

  function json(value) {
    const out = { s: '', max: RESULT_MAX_CHARS };
    try {
      write(value, 0, out);
    } catch (e) {
      throw e === TOO_LONG ? new NativeRangeError('value is larger than 1 MiB') : e;
    }
    return out.s;
  }

  // ---- console: captured per run, bounded ----
  // An argument is written only as far as one line can show it, so a flood of huge or circular objects costs a
  // few kilobytes a call rather than a megabyte.
  function format(v) {
    const max = limits.lineChars + 1;
    try {
      if (typeof v === 'string') return v.length > max ? apply(strSlice, v, [0, max]) : v;
      if (v instanceof NativeError) return format(toStr(v.stack || (v.name + ': ' + v.message)));
      if (v === null || typeof v !== 'object') return format(toStr(v));
      const out = { s: '', max };
      try {
        write(v, 0, out);
      } catch (e) {
        if (e !== TOO_LONG) throw e;
      }
      return out.s;
    } catch (e) {
      return '[unprintable ' + typeof v + ']';
    }
  }

  function log(level, args) {
    const r = run;
    if (r === null || r.consoleFull) return;
    let line = '';
    for (let i = 0; i < args.length; i++) line += (i > 0 ? ' ' : '') + format(args[i]);
    if (line.length > limits.lineChars) line = apply(strSlice, line, [0, limits.lineChars]) + '... [line truncated]';
    if (r.console.length >= limits.lines || r.consoleChars + line.length > limits.totalChars) {
      r.console[r.console.length] = ['warn', '[console output truncated]'];
      r.consoleFull = true;
      return;
    }
    r.consoleChars += line.length;
    r.console[r.console.length] = [level, line];
  }

  const console = freeze({
    log: (...a) => log('log', a), info: (...a) => log('info', a), warn: (...a) => log('warn', a),
    error: (...a) => log('error', a), debug: (...a) => log('debug', a), trace: (...a) => log('debug', a),
  });

  // ---- timers: driven by the host loop on the calling thread, scoped to one run ----
  function addTimer(fn, ms, args, repeat) {
    const r = run;
    if (r === null) throw new NativeError('timers can only be set while the hook runs');
    if (typeof fn !== 'function') throw new NativeTypeError('callback must be a function');
    let delay = +ms;
    if (!(delay > 0)) delay = repeat > 0 ? 1 : 0;
    const id = ++timerSeq;
    r.timers[r.timers.length] = { id, at: now() + delay, fn, args, repeat: repeat > 0 ? delay : 0 };
    return id;
  }

  function clearTimer(id) {
    const r = run;
    if (r === null) return;
    for (let i = 0; i < r.timers.length; i++) if (r.timers[i].id === id) { r.timers[i].cleared = true; }
  }

  function nextTimer(r) {
    let best = null;
    for (let i = 0; i < r.timers.length; i++) {
      const t = r.timers[i];
      if (!t.cleared && (best === null || t.at < best.at || (t.at === best.at && t.id < best.id))) best = t;
    }
    return best;
  }

  // ---- errors the legacy contract injects ----
  function errorClass(name) {
    const E = function (message) { return construct(NativeError, [message], new.target || E); };
    E.prototype = create(NativeError.prototype, {
      constructor: { value: E, writable: true, configurable: true },
      name: { value: name, writable: true, configurable: true },
    });
    defineProperty(E, 'name', { value: name });
    return freeze(E);
  }
  const InvalidScopeError = errorClass('InvalidScopeError');
  const InvalidRequestError = errorClass('InvalidRequestError');
  const ServerError = errorClass('ServerError');

  function failure(err) {
    let code = 'server_error', message = '', stack = null;
    try {
      if (err instanceof InvalidScopeError) code = 'invalid_scope';
      else if (err instanceof InvalidRequestError) code = 'invalid_request';
      if (err !== null && typeof err === 'object') {
        message = err.message === undefined ? toStr(err) : toStr(err.message);
        stack = typeof err.stack === 'string' ? err.stack : null;
      } else {
        message = toStr(err);
      }
    } catch (e) {
      message = 'the hook failed with an error that cannot be read';
    }
    return { kind: 'error', code, message, stack };
  }

  // ---- the usual outcome without JSON: counts as <n>; and strings as <length>:<text> ----
  // A legacy result or Actions claims whose values are all strings reach the host as "~K" (no result), "~L",
  // "~A" or "~S" (a legacy scope that is not strings), then the scopes, the claims and (in complete) the console;
  // the host reads it with indexOf and substring (Outcomes.readFlat), where JSON parsing was a third of a small
  // hook's call. Anything else goes as JSON. A hook's result is read once either way: getters and Proxy traps run
  // once, as they would for JSON alone.
  function tooLarge() { return new NativeRangeError('value is larger than 1 MiB'); }
  function counted(x) { return x.length + ':' + x; }

  // An object's own enumerable properties that JSON keeps, each read once. The names and values go into two
  // arrays whose elements are all own from the start (Object.keys of the object, and Object.keys of that array):
  // writing an own element consults no prototype, so no setter a hook put on Array.prototype runs. Null-prototype
  // objects with index keys, the simpler choice, turned into hash-table dictionaries on every call.
  function snapshot(obj) {
    const names = keys(obj), values = keys(names), s = create(null);
    let n = 0, strings = true;
    for (let i = 0; i < names.length; i++) {
      const k = names[i], v = obj[k], vt = typeof v;
      if (v === undefined || vt === 'function' || vt === 'symbol') continue;
      names[n] = k; values[n] = v; n++;
      if (vt !== 'string') strings = false;
    }
    s.names = names; s.values = values; s.n = n; s.strings = strings;
    return s;
  }

  function snapshotObject(s) {
    const o = create(null);
    for (let i = 0; i < s.n; i++) o[s.names[i]] = s.values[i];
    return o;
  }

  // A list's strings; null when one item is not a string and strict (else such items are left out).
  function flatStrings(v, strict) {
    let out = '', n = 0;
    for (let i = 0, len = v.length; i < len; i++) {
      if (i >= RESULT_MAX_CHARS) throw tooLarge();   // JSON would write at least "null," for each skipped item
      const x = v[i];
      if (typeof x !== 'string') {
        if (strict) return null;
        continue;
      }
      out += counted(x);
      n++;
      if (out.length > RESULT_MAX_CHARS) throw tooLarge();
    }
    return n + ';' + out;
  }

  function flatClaims(s, skip) {
    let out = '', n = 0;
    for (let i = 0; i < s.n; i++) {
      const k = s.names[i], v = s.values[i];
      if (k === skip) continue;
      out += counted(k) + counted(v);
      n++;
      if (out.length > RESULT_MAX_CHARS) throw tooLarge();
    }
    return n + ';' + out;
  }

  // The string-only form of an outcome, or null for JSON (a legacy result is then replaced by its snapshot).
  function flat(outcome) {
    if (outcome.kind === 'legacy') {
      const result = outcome.result;
      if (result === undefined) return '~K';
      if (result === null || typeof result !== 'object' || isArray(result)) return null;
      const s = snapshot(result);
      let scope = null, others = true;
      for (let i = 0; i < s.n; i++) {
        if (s.names[i] === 'scope') scope = s.values[i];
        else if (typeof s.values[i] !== 'string') others = false;
      }
      if (!others) {
        outcome.result = snapshotObject(s);
        return null;
      }
      const scopes = scope === null ? '0;' : typeof scope === 'string' ? '1;' + counted(scope)
        : isArray(scope) ? flatStrings(scope, true) : null;
      return scopes === null ? '~S' : '~L' + scopes + flatClaims(s, 'scope');
    }
    if (outcome.kind === 'actions' && outcome.cacheOps.length === 0 && (outcome.target === null || isArray(outcome.target))) {
      const s = snapshot(outcome.claims);   // the runtime's own null-prototype object: no guest code runs
      if (!s.strings) return null;
      return '~A' + (outcome.target === null ? '-1;' : flatStrings(outcome.target, false)) + flatClaims(s, null);
    }
    return null;
  }

  function settle(r, outcome) {
    if (r !== run || r.outcome !== null) return;    // a late or repeated cb, or a stale run: ignored
    try {
      const f = flat(outcome);
      r.flat = f !== null;
      r.outcome = f !== null ? f : json(outcome);
    } catch (e) {
      r.flat = false;   // a getter may have settled a nested cb meanwhile
      r.outcome = json({ kind: 'error', code: 'server_error', message: 'hook result cannot be serialized: ' + toStr(e.message), stack: null });
    }
  }

  function whenSettled(value, r, onValue) {
    if (value !== null && (typeof value === 'object' || typeof value === 'function') && typeof value.then === 'function') {
      const p = apply(promiseResolve, NativePromise, [value]);
      apply(promiseThen, p, [onValue, (e) => settle(r, failure(e))]);
    } else {
      onValue(value);
    }
  }

  // ---- require: an in-memory allowlist of pure-JS modules registered by the host ----
  const NODE_BUILTINS = freeze(apply(strSplit, 'assert async_hooks buffer child_process cluster console constants crypto ' +
    'dgram diagnostics_channel dns domain events fs http http2 https inspector module net os path perf_hooks process ' +
    'punycode querystring readline repl stream string_decoder sys timers tls trace_events tty url util v8 vm wasi ' +
    'worker_threads zlib', [' ']));
  const modules = create(null);

  function requireModule(name) {
    name = toStr(name);
    const m = modules[name];
    if (m !== undefined) {
      if (m.module !== null) return m.module.exports;
      const module = { exports: {}, id: name };
      m.module = module;
      try {
        apply(m.factory, module.exports, [module.exports, requireModule, module, '/hook-modules/' + name + '/index.js', '/hook-modules/' + name]);
      } catch (e) {
        m.module = null;
        throw e;
      }
      return module.exports;
    }
    const base = apply(strSlice, name, [0, 5]) === 'node:' ? apply(strSlice, name, [5]) : name;
    let builtin = false;
    for (let i = 0; i < NODE_BUILTINS.length; i++) if (NODE_BUILTINS[i] === base) builtin = true;
    const e = new NativeError(builtin
      ? "Module '" + base + "' is not available in Tokenhook hooks"
      : "Module '" + name + "' is not available in Tokenhook hooks: only allowlisted pure-JS modules can be required");
    e.code = 'MODULE_NOT_FOUND';
    throw e;
  }

  // ---- Actions api.cache: a per-run copy of the host's cache for this hook; writes go back as operations ----
  const CACHE_MAX_ENTRIES = 20, CACHE_KEY_BYTES = 64, CACHE_VALUE_BYTES = 4096, CACHE_TOTAL_BYTES = 8192;
  const CACHE_TTL = 15 * 60 * 1000, CACHE_MAX_TTL = 24 * 60 * 60 * 1000;

  function utf8Length(s) {
    let n = 0;
    for (let i = 0; i < s.length; i++) {
      const c = apply(charCodeAt, s, [i]);
      if (c < 0x80) n += 1; else if (c < 0x800) n += 2; else if (c >= 0xd800 && c <= 0xdbff) { n += 4; i++; } else n += 3;
    }
    return n;
  }

  function makeCache(r) {
    const entries = r.cache;
    const live = () => { const t = now(), ks = keys(entries); for (const k of ks) if (entries[k].expires_at <= t) delete entries[k]; return keys(entries); };
    return freeze({
      get(key) {
        key = toStr(key);
        live();
        const e = entries[key];
        return e === undefined ? undefined : { value: e.value, expires_at: e.expires_at };
      },
      set(key, value, options) {
        key = toStr(key);
        if (typeof value !== 'string') return { type: 'error', code: 'INVALID_VALUE' };
        if (utf8Length(key) > CACHE_KEY_BYTES) return { type: 'error', code: 'KEY_TOO_LARGE' };
        if (utf8Length(value) > CACHE_VALUE_BYTES) return { type: 'error', code: 'VALUE_TOO_LARGE' };
        const t = now();
        let expires = t + CACHE_TTL;
        if (options !== null && typeof options === 'object') {
          if (typeof options.ttl === 'number' && options.ttl > 0) expires = t + options.ttl;
          else if (typeof options.expires_at === 'number' && options.expires_at > t) expires = options.expires_at;
        }
        if (expires > t + CACHE_MAX_TTL) expires = t + CACHE_MAX_TTL;
        const ks = live();
        let total = utf8Length(key) + utf8Length(value), count = 1;
        for (const k of ks) if (k !== key) { count++; total += utf8Length(k) + utf8Length(entries[k].value); }
        if (count > CACHE_MAX_ENTRIES) return { type: 'error', code: 'TOO_MANY_ENTRIES' };
        if (total > CACHE_TOTAL_BYTES) return { type: 'error', code: 'CACHE_FULL' };
        entries[key] = { value, expires_at: expires };
        r.cacheOps[r.cacheOps.length] = { op: 'set', key, value, expires_at: expires };
        return { type: 'success', record: { value, expires_at: expires } };
      },
      delete(key) {
        key = toStr(key);
        delete entries[key];
        r.cacheOps[r.cacheOps.length] = { op: 'delete', key };
        return { type: 'success' };
      },
    });
  }

  // ---- the exchange's lists and maps, rebuilt from the flat string arguments of start ----
  const field = create(null);   // a data-property descriptor no prototype can turn into an accessor
  field.writable = true; field.enumerable = true; field.configurable = true;

  // Nothing a hook did to prototypes in an earlier call may reach its next inputs (as with JSON.parse): an index
  // setter on Array.prototype would swallow list elements, a key setter on Object.prototype map entries. A plain
  // assignment is safe when the chain is the pristine one and holds no property of that name (`in` runs no guest
  // code on ordinary objects); otherwise the value is defined, which is immune but about ten times slower.
  const ArrayProto = Array.prototype, ObjectProto = Object.prototype;
  function list(items, from, count) {
    const a = [];
    const plain = getPrototypeOf(ArrayProto) === ObjectProto;
    for (let i = 0; i < count; i++) {
      if (plain && !(i in ArrayProto)) {
        a[i] = items[from + i];
      } else {
        field.value = items[from + i];
        defineProperty(a, i, field);
      }
    }
    field.value = undefined;
    return a;
  }
  function object(items, from, count) {
    const o = {};
    for (let i = 0; i < count; i++) {
      const key = items[from + 2 * i];
      if (!(key in ObjectProto)) {      // also sends __proto__, an accessor of Object.prototype, the slow way
        o[key] = items[from + 2 * i + 1];
      } else {
        field.value = items[from + 2 * i + 1];
        defineProperty(o, key, field);
      }
    }
    field.value = undefined;
    return o;
  }

  // ---- the two hook styles ----
  function startLegacy(req, r) {
    const context = { ip: req.ip, userAgent: req.userAgent, body: req.body, webtask: { secrets } };
    if (req.hostname !== null) context.hostname = req.hostname;
    const client = { id: req.client.id, name: req.client.name, tenant: req.client.tenant, metadata: req.client.metadata };
    const cb = function (err, result) {
      if (err) settle(r, failure(err));
      else if (result === undefined || result === null) settle(r, { kind: 'legacy' });
      else settle(r, { kind: 'legacy', result });
    };
    const returned = legacyFn(client, req.scope === null ? undefined : req.scope, req.audience, context, cb);
    // An async legacy hook that rejects before calling cb fails now rather than at its deadline.
    whenSettled(returned, r, () => {});
  }

  function startActions(req, r) {
    const granted = req.scope === null ? [] : req.scope;
    const claims = create(null);
    let target = null, denied = null;
    const event = {
      client: { client_id: req.client.id, name: req.client.name, metadata: req.client.metadata },
      resource_server: { identifier: req.audience },
      request: { body: req.body, ip: req.ip, user_agent: req.userAgent === null ? undefined : req.userAgent,
        hostname: req.hostname === null ? undefined : req.hostname, method: 'POST', geoip: {} },
      secrets,
      tenant: { id: req.client.tenant },
      transaction: { requested_scopes: req.requestedScopes },
      accessToken: { customClaims: {}, scope: granted.slice() },
    };
    const targets = () => (target === null ? (target = granted.slice()) : target);
    const api = {};
    api.access = freeze({
      deny(code, reason) {
        if (denied === null) denied = { code: toStr(code), reason: reason === undefined ? null : toStr(reason) };
        return api;
      },
    });
    api.accessToken = freeze({
      setCustomClaim(name, value) {
        name = toStr(name);
        claims[name] = value;
        event.accessToken.customClaims[name] = value;
        return api;
      },
    });
    api.cache = makeCache(r);
    api.transaction = freeze({
      addTargetScope(scope) { const t = targets(); scope = toStr(scope); if (t.indexOf(scope) < 0) t.push(scope); return api; },
      removeTargetScope(scope) { const t = targets(); scope = toStr(scope); const i = t.indexOf(scope); if (i >= 0) t.splice(i, 1); return api; },
      setTargetScopes(scopes) { target = isArray(scopes) ? scopes.map(toStr) : []; return api; },
      clearTargetScopes() { target = []; return api; },
    });
    freeze(api);
    const returned = actionsFn(event, api);
    whenSettled(returned, r, () => {
      if (denied !== null) settle(r, { kind: 'deny', code: denied.code, message: denied.reason });
      else settle(r, { kind: 'actions', claims, target, cacheOps: r.cacheOps });
    });
  }

  // The run ends when its outcome goes to the host: later callbacks, timers and logs of it are ignored.
  function complete(r) {
    run = null;
    if (!r.flat) return '{"outcome":' + r.outcome + ',"console":' + json(r.console) + '}';
    let s = r.outcome + r.console.length + ';';
    for (let i = 0; i < r.console.length; i++) {
      const line = r.console[i];
      s += counted(line[0]) + counted(line[1]);
    }
    return s;
  }

  // ---- the runtime object the host calls ----
  return freeze({
    registerModule(name, factory) {
      modules[toStr(name)] = { factory, module: null };
    },

    // Runs the hook's module body once and finds its entry point. Returns JSON {ok, style | message, stack}.
    install(factory, configJson) {
      const cfg = parse(configJson);
      limits = cfg.limits;
      secrets = freeze(cfg.secrets);
      defineProperty(global, 'console', { value: console, writable: true, configurable: true });
      for (const [name, fn] of [['setTimeout', (fn, ms, ...a) => addTimer(fn, ms, a, 0)], ['clearTimeout', clearTimer],
        ['setInterval', (fn, ms, ...a) => addTimer(fn, ms, a, 1)], ['clearInterval', clearTimer],
        ['setImmediate', (fn, ...a) => addTimer(fn, 0, a, 0)], ['clearImmediate', clearTimer],
        ['queueMicrotask', (fn) => { apply(promiseThen, apply(promiseResolve, NativePromise, []), [fn]); }],
        ['InvalidScopeError', InvalidScopeError], ['InvalidRequestError', InvalidRequestError], ['ServerError', ServerError]]) {
        defineProperty(global, name, { value: fn, writable: true, configurable: true });
      }
      const module = { exports: {}, id: '.' };
      try {
        apply(factory, module.exports, [module.exports, requireModule, module, '/hook.js', '/']);
      } catch (e) {
        const f = failure(e);
        return json({ ok: false, message: 'the script failed while loading: ' + f.message, stack: f.stack });
      }
      const ex = module.exports;
      if (ex !== null && (typeof ex === 'object' || typeof ex === 'function') && typeof ex.onExecuteCredentialsExchange === 'function') {
        actionsFn = ex.onExecuteCredentialsExchange;
        return json({ ok: true, style: 'actions' });
      }
      if (typeof ex === 'function') {
        legacyFn = ex;
        return json({ ok: true, style: 'legacy' });
      }
      return json({ ok: false, message: 'the script exports nothing callable: expected module.exports = function (client, scope, audience, context, cb) {...} or exports.onExecuteCredentialsExchange = async (event, api) => {...}', stack: null });
    },

    // Starts one run. Returns {outcome, console} JSON when the hook finished synchronously, else 0 (poll again).
    // The exchange arrives as string arguments (see HookCall.arguments): parsing a JSON request cost more than
    // the rest of a small hook's call.
    start(clientId, clientName, tenant, audience, ip, userAgent, hostname, cacheJson, scopeCount, metadataCount,
          bodyCount, requestedCount, ...items) {
      let at = 0;
      const scope = scopeCount < 0 ? null : list(items, at, scopeCount);
      at += mathMax(0, scopeCount);
      const metadata = object(items, at, metadataCount);
      at += 2 * metadataCount;
      const body = object(items, at, bodyCount);
      at += 2 * bodyCount;
      const req = { client: { id: clientId, name: clientName, tenant, metadata }, scope, audience, ip, userAgent,
        hostname, body, requestedScopes: list(items, at, requestedCount) };
      const r = { outcome: null, flat: false, timers: [], console: [], consoleChars: 0, consoleFull: false,
        cache: cacheJson === null ? create(null) : parse(cacheJson), cacheOps: [] };
      run = r;
      try {
        if (actionsFn !== null) startActions(req, r); else startLegacy(req, r);
      } catch (e) {
        settle(r, failure(e));
      }
      return r.outcome !== null ? complete(r) : 0;
    },

    // After microtasks drained: {outcome, console} JSON, or ms until the next timer (0 = due now, -1 = none).
    poll() {
      const r = run;
      if (r.outcome !== null) return complete(r);
      const t = nextTimer(r);
      return t === null ? -1 : mathMax(0, t.at - now());
    },

    // Runs the earliest due timer (one per host call, so microtasks drain between timers as in Node).
    runDue() {
      const r = run, t = nextTimer(r);
      if (t === null || t.at > now()) return;
      if (t.repeat > 0) t.at = now() + t.repeat; else t.cleared = true;
      try {
        apply(t.fn, undefined, t.args);
      } catch (e) {
        settle(r, failure(e));    // an uncaught exception in a timer fails the run, as it would crash a webtask
      }
    },

    // Ends a run the host stopped (deadline); returns its console as JSON [[level, line], ...].
    abandon() {
      const r = run;
      run = null;
      return r === null ? '[]' : json(r.console);
    },
  });
})(globalThis)
