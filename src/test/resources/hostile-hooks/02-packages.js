// Attempts: the Rhino/Nashorn-style Packages global to run a process.
// Must: fail with a ReferenceError; no process starts.
// @expect 500 server_error Packages is not defined
module.exports = function (client, scope, audience, context, cb) {
  Packages.java.lang.Runtime.getRuntime().exec('touch /tmp/tokenhook-escaped');
  cb(null, {});
};
