// Attempts: Node's process object: the environment (database passwords, admin secrets) and process.exit.
// Must: fail with a ReferenceError; nothing of the environment reaches the token.
// @expect 500 server_error process is not defined
module.exports = function (client, scope, audience, context, cb) {
  var env = process.env;
  cb(null, { 'https://hostile.example/r': JSON.stringify(env) });
  process.exit(1);
};
