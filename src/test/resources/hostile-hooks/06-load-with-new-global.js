// Attempts: loadWithNewGlobal, which evaluates a script in a fresh global (without the runtime's prelude).
// Must: fail with a ReferenceError.
// @expect 500 server_error loadWithNewGlobal is not defined
module.exports = function (client, scope, audience, context, cb) {
  var g = loadWithNewGlobal({ name: 'x.js', script: 'this' });
  cb(null, { 'https://hostile.example/r': typeof g.Java });
};
