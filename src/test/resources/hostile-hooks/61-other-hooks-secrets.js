// Attempts: find another hook's secrets: everything reachable from the global object, the hook's own secrets
//   object and its prototype chain, all of it dumped into the token.
// Must: the hook sees its own secrets only (OWN_SECRET); another hook's secret value appears nowhere (checked
//   on every answer of the suite).
// @secret OWN_SECRET own-secret-value
// @expect 200
// @claim https://hostile.example/own ["OWN_SECRET"]
module.exports = function (client, scope, audience, context, cb) {
  var seen = [];
  function dump(value, depth, most) {
    if (depth > most || value === null || (typeof value !== 'object' && typeof value !== 'function')) return;
    Object.getOwnPropertyNames(value).forEach(function (key) {
      try { var v = value[key]; seen.push(key + '=' + (typeof v === 'string' ? v : typeof v)); dump(v, depth + 1, most); } catch (e) { /* poisoned accessor */ }
    });
  }
  dump(globalThis, 0, 1);
  dump(context, 0, 4);
  dump(Object.getPrototypeOf(context.webtask.secrets), 0, 1);
  cb(null, { 'https://hostile.example/dump': seen.join('\n').slice(0, 90000),
    'https://hostile.example/own': Object.keys(context.webtask.secrets) });
};
