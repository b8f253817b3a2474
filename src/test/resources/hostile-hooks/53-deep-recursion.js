// Attempts: unbounded recursion to overflow the Java stack of the thread that runs the hook.
// Must: the engine turns it into RangeError: Maximum call stack size exceeded: 500, the thread unharmed.
// @expect 500 server_error Maximum call stack size exceeded
module.exports = function (client, scope, audience, context, cb) {
  (function down(n) { return down(n + 1) + 1; })(0);
};
