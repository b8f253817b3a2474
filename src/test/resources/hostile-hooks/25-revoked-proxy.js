// Attempts: answer with a revoked Proxy (every operation on it throws a TypeError inside the runtime).
// Must: fail this request with a clear 500.
// @expect 500 server_error hook result cannot be serialized: ...
module.exports = function (client, scope, audience, context, cb) {
  var p = Proxy.revocable({}, {});
  p.revoke();
  cb(null, p.proxy);
};
