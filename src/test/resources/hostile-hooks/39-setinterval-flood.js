// Attempts: a thousand setInterval(…, 0) timers that each burn CPU, and clearInterval of ids never issued.
// Must: the deadline (or the memory budget: the interpreter boxes numbers as it spins) stops it: 500.
// @expect 500 server_error timeout | budget
module.exports = function (client, scope, audience, context, cb) {
  for (var i = 0; i < 1000; i++) {
    setInterval(function () { for (var j = 0; j < 1e5; j++) Math.sqrt(j); }, 0);
    clearInterval(-i);
  }
};
