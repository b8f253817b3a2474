// Attempts: setImmediate and setTimeout(0) recursion that never calls back: the run always has a due timer.
// Must: the deadline (or the memory budget, as the timers pile up) stops it: 500.
// @expect 500 server_error timeout | budget
module.exports = function (client, scope, audience, context, cb) {
  (function tick() { setImmediate(tick); setTimeout(function () {}, 0); })();
};
