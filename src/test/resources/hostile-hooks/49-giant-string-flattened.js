// Attempts: force the engine to build a 128 MB string in memory at once (repeat, then read it), past the
//   64 MB per-call allocation budget.
// Must: the memory budget stops the call (one allocation this size cannot be pre-empted, but it is bounded by
//   the engine's string limit and the context is discarded after; on a loaded machine the stop comes late): 500.
// @overrun
// @expect 500 server_error budget | timeout
module.exports = function (client, scope, audience, context, cb) {
  var s = 'x'.repeat(1 << 27);
  var code = s.charCodeAt(s.length - 1) + s.indexOf('y');
  cb(null, { 'https://hostile.example/r': code });
};
