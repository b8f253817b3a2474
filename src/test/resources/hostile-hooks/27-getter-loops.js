// Attempts: a result whose getter loops forever when the runtime serializes the result after cb.
// Must: the deadline stops it: 500 with the deadline message.
// @expect 500 server_error timeout
module.exports = function (client, scope, audience, context, cb) {
  cb(null, { get 'https://hostile.example/r'() { for (;;) {} } });
};
