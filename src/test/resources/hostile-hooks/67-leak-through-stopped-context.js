// Attempts: store client-a's id in a global, then loop until stopped, hoping the next call (client-b) finds it
//   in the same context.
// Must: client-a's call fails at its deadline and its context is discarded: client-b's call loads the hook in a
//   fresh context and finds nothing.
// @exchanges 2
// @expect#1 500 server_error timeout
// @expect#2 200
// @claim#2 https://hostile.example/r "nothing kept"
var kept = null;
module.exports = function (client, scope, audience, context, cb) {
  if (client.name === 'client-a') {
    kept = client.id;
    for (;;) {}
  }
  cb(null, { 'https://hostile.example/r': kept === null ? 'nothing kept' : 'kept ' + kept });
};
