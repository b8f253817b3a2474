// Attempts: block the hook thread with Atomics.wait on a SharedArrayBuffer, where no interrupt reaches it.
// Must: fail with a ReferenceError: neither SharedArrayBuffer nor Atomics exist.
// @expect 500 server_error SharedArrayBuffer is not defined
module.exports = function (client, scope, audience, context, cb) {
  var cell = new Int32Array(new SharedArrayBuffer(16));
  Atomics.wait(cell, 0, 0);
  cb(null, {});
};
