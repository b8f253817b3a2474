// Attempts: return at once and loop later, inside a timer callback the host loop runs after the first call.
// Must: the deadline interrupts the timer: 500 with the deadline message.
// @expect 500 server_error timeout
module.exports = function (client, scope, audience, context, cb) {
  setTimeout(function () { while (true) {} }, 1);
};
