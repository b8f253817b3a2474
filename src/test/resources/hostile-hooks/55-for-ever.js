// Attempts: the plainest endless loop, for (;;) {}.
// Must: the deadline interrupts it: 500 with the deadline message.
// @expect 500 server_error timeout
module.exports = function (client, scope, audience, context, cb) {
  for (;;) {}
};
