// Attempts: toJSON on the result, on a claim value and on Object.prototype, so serialization swaps in
//   reserved claims (iss, aud, exp), an admin scope and claims the hook did not set.
// Must: toJSON is ignored: own enumerable data only; reserved claims stay the server's.
// @expect 200
// @claim https://hostile.example/r {"nested":"own"}
// @no-claim https://hostile.example/json
module.exports = function (client, scope, audience, context, cb) {
  var swap = function () { return { iss: 'https://evil.example/', aud: 'everything', exp: 99999999999, scope: ['admin:everything'], 'https://hostile.example/json': true }; };
  Object.prototype.toJSON = swap;
  var value = { nested: 'own', toJSON: swap };
  cb(null, { 'https://hostile.example/r': value, toJSON: swap });
};
