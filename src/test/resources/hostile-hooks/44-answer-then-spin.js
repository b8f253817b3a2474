// Attempts: answer at once with cb, then spin in a microtask so the host's call into the context never returns
//   (a token for the client, and a stuck thread for everyone else).
// Must: the deadline stops the spin; a run that did not finish cleanly is a failed request: 500.
// @expect 500 server_error timeout
module.exports = function (client, scope, audience, context, cb) {
  cb(null, { 'https://hostile.example/r': 'answered' });
  Promise.resolve().then(function () { for (;;) {} });
};
