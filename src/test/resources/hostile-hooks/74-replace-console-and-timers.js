// Attempts: replace console, setTimeout and the error classes with the hook's own, and delete them, hoping the
//   runtime calls the replacements with its internals (the next call's request, its callbacks).
// Must: the runtime never calls through the hook's globals: both calls answer with their own client's id.
// @exchanges 2
// @expect 200
// @claim https://hostile.example/r "{client}"
var captured = [];
console = { log: function () { captured.push([].slice.call(arguments)); } };
setTimeout = function (fn) { captured.push(fn); fn(); };
InvalidScopeError = function () { captured.push('constructed'); };
delete globalThis.setImmediate;
delete globalThis.queueMicrotask;
module.exports = function (client, scope, audience, context, cb) {
  setTimeout(function () { cb(null, { 'https://hostile.example/r': client.id }); });
};
