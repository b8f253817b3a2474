// Attempts: an endless loop created at run time with new Function, so no static check of the script sees it.
// Must: the deadline stops it: 500 with the deadline message.
// @expect 500 server_error timeout
module.exports = function (client, scope, audience, context, cb) {
  new Function('for (;;) {}')();
};
