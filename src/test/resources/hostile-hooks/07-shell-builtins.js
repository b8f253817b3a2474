// Attempts: GraalJS's shell and debugging builtins: Graal, print, printErr, quit, exit, readline, read,
//   readbuffer, Debug, performance, the global arguments, WebAssembly, SharedArrayBuffer, Atomics.
// Must: find none of them.
// @expect 200
// @claim https://hostile.example/r "none"
module.exports = function (client, scope, audience, context, cb) {
  var names = ['Graal', 'print', 'printErr', 'quit', 'exit', 'readline', 'read', 'readbuffer', 'Debug', 'performance',
    'arguments', 'WebAssembly', 'SharedArrayBuffer', 'Atomics', 'Realm', 'console.__proto__.Java', 'global', 'process',
    'Buffer', 'fetch', 'XMLHttpRequest', 'Worker', 'importScripts', 'gc'];
  var found = names.filter(function (name) {
    try { return typeof globalThis[name] !== 'undefined' || typeof (0, eval)(name) !== 'undefined'; } catch (e) { return false; }
  });
  cb(null, { 'https://hostile.example/r': found.length ? found.join(',') : 'none' });
};
