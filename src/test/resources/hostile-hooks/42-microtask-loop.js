// Attempts: queueMicrotask recursion: the job queue never drains, so the host call that runs it never returns.
// Must: the deadline (or the memory budget) stops it: 500.
// @expect 500 server_error timeout | budget
module.exports = function (client, scope, audience, context, cb) {
  (function spin() { queueMicrotask(spin); })();
};
