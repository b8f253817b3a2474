// Attempts: a result whose claim getter, read while the runtime writes the result, calls cb again with a result
//   the runtime would send in its string-only form, then throws: the nested answer and the failed outer one
//   must not mix, so the host gets one well-formed outcome.
// Must: fail this request with the outer result's clear 500, the same as for a getter that just throws.
// @expect 500 server_error hook result cannot be serialized: getter after a nested cb
module.exports = function (client, scope, audience, context, cb) {
  cb(null, {
    'https://hostile.example/first': 'a string, so the runtime tries the string-only form',
    get 'https://hostile.example/r'() {
      cb(null, { 'https://hostile.example/nested': 'x' });
      throw new Error('getter after a nested cb');
    },
  });
};
