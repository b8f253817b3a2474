// Attempts: cb(err) with an error whose message getter loops, run by the runtime's own error handling.
// Must: the deadline stops it: 500 with the deadline message.
// @expect 500 server_error timeout
module.exports = function (client, scope, audience, context, cb) {
  var err = new Error('x');
  Object.defineProperty(err, 'message', { get: function () { while (true) {} } });
  cb(err);
};
