// Attempts: fail with errors the runtime cannot read: a Proxy whose every trap throws, a thrown Symbol, an
//   object whose toString throws, an error subclass faking InvalidScopeError's name.
// Must: a clear 500 server_error; the fake class name does not turn it into a 400.
// @expect 500 server_error the hook failed with an error that cannot be read
module.exports = function (client, scope, audience, context, cb) {
  var hostile = new Proxy(new Error('p'), {
    get: function () { throw Symbol('no'); },
    getPrototypeOf: function () { throw Symbol('no'); },
  });
  class Fake extends Error {}
  Object.defineProperty(Fake.prototype, 'name', { value: 'InvalidScopeError' });
  setTimeout(function () { cb(new Fake('fake')); }, 5);
  cb(hostile);
};
