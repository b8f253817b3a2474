// Attempts: log an object whose getter loops, so the runtime's console formatting never returns.
// Must: the deadline stops it: 500 with the deadline message.
// @expect 500 server_error timeout
module.exports = function (client, scope, audience, context, cb) {
  console.log({ get trap() { for (;;) {} } });
  cb(null, {});
};
