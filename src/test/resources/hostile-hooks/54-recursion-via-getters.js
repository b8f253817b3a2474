// Attempts: recursion through getters and Proxy traps the hook never calls directly (the stack overflows
//   inside property access), caught and retried in a catch block.
// Must: the stack overflow surfaces as a RangeError; retrying in catch ends at the deadline at the latest: 500.
// @expect 500 server_error Maximum call stack size exceeded | timeout
module.exports = function (client, scope, audience, context, cb) {
  var o = { get deep() { return this.deep; } };
  var p = new Proxy({}, { get: function (t, k, receiver) { return receiver[k]; } });
  try { o.deep; } catch (e) { p.again; }
};
