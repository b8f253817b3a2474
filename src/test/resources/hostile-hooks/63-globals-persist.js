// Attempts: keep state in module scope across calls (a counter and a memo of the last client).
// Must: this harmlessly succeeds: design.md lets globals persist between calls of the same hook version on the
//   same pooled context, as webtask containers did. A hook that puts one client's data into another client's
//   token does so by its own code; the runtime carries nothing over by itself (see 64-67).
// @exchanges 2
// @expect 200
// @claim#1 https://hostile.example/r "call 1, previous none"
// @claim#2 https://hostile.example/r "call 2, previous {previous}"
var calls = 0, last = 'none';
module.exports = function (client, scope, audience, context, cb) {
  calls++;
  var previous = last;
  last = client.id;
  cb(null, { 'https://hostile.example/r': 'call ' + calls + ', previous ' + previous });
};
