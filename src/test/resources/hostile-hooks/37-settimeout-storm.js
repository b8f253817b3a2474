// Attempts: a storm of a million zero-delay timers, each scheduling another, to swamp the host's timer loop.
// Must: the deadline or the memory budget stops it: 500.
// @expect 500 server_error timeout | budget
module.exports = function (client, scope, audience, context, cb) {
  function again() { setTimeout(again, 0); setTimeout(again, 0); }
  for (var i = 0; i < 1000000; i++) setTimeout(again, 0);
};
