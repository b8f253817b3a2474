// Attempts: keep the first call's cb and, in the second call (another client), answer through it with the
//   first client's data before answering its own call later.
// Must: a callback of an earlier call is ignored: each token carries its own client's data.
// @exchanges 2
// @expect 200
// @claim https://hostile.example/r "{client}"
var previousCb = null, previousClient = null;
module.exports = function (client, scope, audience, context, cb) {
  if (previousCb) {
    previousCb(null, { 'https://hostile.example/r': previousClient });
    cb = (function (own) { return function (e, r) { setTimeout(function () { own(e, r); }, 5); }; })(cb);
  }
  previousCb = cb;
  previousClient = client.id;
  cb(null, { 'https://hostile.example/r': client.id });
};
