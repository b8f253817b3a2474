// Attempts: answer with a Proxy whose ownKeys trap throws while the runtime serializes the result.
// Must: fail this request with a clear 500; the runtime's serializer is not left half-way in a broken state.
// @expect 500 server_error hook result cannot be serialized: trap says no
module.exports = function (client, scope, audience, context, cb) {
  cb(null, new Proxy({}, { ownKeys: function () { throw new Error('trap says no'); } }));
};
