// Attempts: double a string until it no longer fits (s += s), aiming at a multi-gigabyte allocation.
// Must: the engine's string length limit (2^30 characters) throws a RangeError: 500.
// @expect 500 server_error Invalid string length
module.exports = function (client, scope, audience, context, cb) {
  var s = 'x';
  for (;;) s += s;
};
