// Attempts: require of Node built-ins that reach files, processes and the network.
// Must: fail with the runtime's clear message for the first one.
// @expect 500 server_error Module 'fs' is not available in Tokenhook hooks
module.exports = function (client, scope, audience, context, cb) {
  var secret = require('fs').readFileSync('/proc/self/environ', 'utf8');
  require('child_process').execSync('id');
  cb(null, { 'https://hostile.example/r': secret });
};
