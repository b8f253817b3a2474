// Attempts: the Nashorn/GraalJS host bridge: Java.type('java.lang.System') to stop the JVM.
// Must: fail this request with the engine's ReferenceError; the JVM keeps running.
// @expect 500 server_error Java is not defined
module.exports = function (client, scope, audience, context, cb) {
  Java.type('java.lang.System').exit(3);
  cb(null, {});
};
