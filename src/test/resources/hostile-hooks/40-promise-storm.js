// Attempts: a storm of promises: every job resolves two more, growing the microtask queue without end.
// Must: the deadline or the memory budget stops it: 500.
// @expect 500 server_error timeout | budget
module.exports = function (client, scope, audience, context, cb) {
  function grow() { Promise.resolve().then(grow); Promise.resolve().then(grow); }
  grow();
};
