// Attempts: dynamic import() of a built-in module and of a file path (ES modules bypass require).
// Must: both imports are rejected; the hook reports that and the token is issued.
// @expect 200
// @claim https://hostile.example/r "rejected,rejected"
module.exports = function (client, scope, audience, context, cb) {
  var outcomes = [];
  function settle(what) { outcomes.push(what); if (outcomes.length === 2) cb(null, { 'https://hostile.example/r': outcomes.join(',') }); }
  import('fs').then(function () { settle('loaded'); }, function () { settle('rejected'); });
  import('/etc/passwd').then(function () { settle('loaded'); }, function () { settle('rejected'); });
};
