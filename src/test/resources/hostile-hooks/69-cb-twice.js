// Attempts: call cb several times with different answers (a result, then an error, then an admin scope), and
//   again from a timer and a promise after the run ended.
// Must: the first answer counts; later calls are ignored.
// @expect 200
// @claim https://hostile.example/r "first"
module.exports = function (client, scope, audience, context, cb) {
  cb(null, { 'https://hostile.example/r': 'first' });
  cb(new Error('second'));
  cb(null, { 'https://hostile.example/r': 'third', scope: ['admin:everything'] });
  setTimeout(function () { cb(null, { 'https://hostile.example/r': 'from a timer' }); }, 0);
  Promise.resolve().then(function () { cb(new InvalidRequestError('from a promise')); });
};
