// Attempts: endless loops in other syntactic shapes, one after another: do/while, a labelled continue, for-in
//   over a Proxy that invents keys, for-of over an endless generator, and Array.prototype.every with a
//   callback that never says stop.
// Must: the deadline interrupts the first; 500 with the deadline message.
// @expect 500 server_error timeout
module.exports = function (client, scope, audience, context, cb) {
  var n = 0;
  outer: do { n++; continue outer; } while (true);
  for (var k in new Proxy({}, { ownKeys: function () { return ['a']; } })) { while (k) {} }
  for (var v of (function* () { for (;;) yield 1; })()) { n += v; }
  [1].every(function f() { return [1].every(f); });
};
