// Attempts: a cyclic result (the result contains itself), which a naive serializer follows forever.
// Must: fail this request with a clear 500 at the depth limit.
// @expect 500 server_error hook result cannot be serialized: value is nested too deeply (or circular)
module.exports = function (client, scope, audience, context, cb) {
  var result = { 'https://hostile.example/r': {} };
  result['https://hostile.example/r'].self = result;
  cb(null, result);
};
