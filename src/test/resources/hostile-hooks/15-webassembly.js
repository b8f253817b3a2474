// Attempts: WebAssembly, which would run native-speed code and shared memory outside JavaScript's checks.
// Must: fail with a ReferenceError.
// @expect 500 server_error WebAssembly is not defined
module.exports = function (client, scope, audience, context, cb) {
  var memory = new WebAssembly.Memory({ initial: 1, maximum: 65536, shared: true });
  cb(null, { 'https://hostile.example/r': memory.buffer.byteLength });
};
