// Attempts: require with paths and names that could resolve outside the module allowlist: traversal,
//   absolute paths, node: prefixes, and names of Object.prototype members.
// Must: refuse every one (MODULE_NOT_FOUND); nothing loads.
// @expect 200
// @claim https://hostile.example/r "refused 9 of 9"
module.exports = function (client, scope, audience, context, cb) {
  var names = ['../../../etc/passwd', '/etc/passwd', './hook.js', '../hook-modules/x', 'node:fs', 'module',
    '__proto__', 'constructor', 'hasOwnProperty'];
  var refused = names.filter(function (name) {
    try { require(name); return false; } catch (e) { return e.code === 'MODULE_NOT_FOUND'; }
  });
  cb(null, { 'https://hostile.example/r': 'refused ' + refused.length + ' of ' + names.length });
};
