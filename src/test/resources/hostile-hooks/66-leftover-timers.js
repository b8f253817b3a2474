// Attempts: leave timers, intervals and a pending promise behind in the first call, carrying the first client's
//   id, so they fire during the second call and answer or log for it.
// Must: a run's timers end with it; the second token carries its own client's id only.
// @exchanges 2
// @expect 200
// @claim https://hostile.example/r "{client}"
var pending = null;
module.exports = function (client, scope, audience, context, cb) {
  var mine = client.id;
  if (pending) pending(mine);
  setTimeout(function () { cb(null, { 'https://hostile.example/r': 'timer of ' + mine }); }, 20);
  setInterval(function () { console.log('interval of ' + mine); }, 1);
  new Promise(function (resolve) { pending = resolve; }).then(function (next) { cb(null, { 'https://hostile.example/r': 'promise of ' + mine + ' in ' + next }); });
  cb(null, { 'https://hostile.example/r': mine });
};
