// Attempts: the polyglot bindings: Polyglot.eval into another language, Polyglot.import of host bindings.
// Must: fail with a ReferenceError.
// @expect 500 server_error Polyglot is not defined
module.exports = function (client, scope, audience, context, cb) {
  var host = Polyglot.import('host') || Polyglot.eval('python', 'import os; os.environ');
  Polyglot.export('stolen', host);
  cb(null, { 'https://hostile.example/r': String(host) });
};
