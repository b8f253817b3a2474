// Attempts: a result whose claim getter throws when the runtime reads it, and an error whose message and stack
//   getters throw, so the runtime's own error handling throws.
// Must: fail this request with a clear 500 naming the cause.
// @expect 500 server_error hook result cannot be serialized: getter bomb
module.exports = function (client, scope, audience, context, cb) {
  cb(null, {
    get 'https://hostile.example/r'() {
      var e = new Error('getter bomb');
      Object.defineProperty(e, 'stack', { get: function () { throw new Error('stack bomb'); } });
      throw e;
    },
  });
};
