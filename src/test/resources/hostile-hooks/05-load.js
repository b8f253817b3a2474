// Attempts: the shell builtin load() to read a file from disk (and run it as script).
// Must: fail with a ReferenceError; nothing is read.
// @expect 500 server_error load is not defined
module.exports = function (client, scope, audience, context, cb) {
  load('/etc/passwd');
  cb(null, {});
};
