// Attempts: a result of 2 MB (a claim holding a long string), to swell the token and the host's JSON parsing.
// Must: the runtime refuses a result above 1 MiB before it leaves the sandbox: a clear 500.
// @expect 500 server_error hook result cannot be serialized: value is larger than 1 MiB
module.exports = function (client, scope, audience, context, cb) {
  cb(null, { 'https://hostile.example/r': 'x'.repeat(2 << 20) });
};
