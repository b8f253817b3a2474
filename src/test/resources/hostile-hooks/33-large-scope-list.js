// Attempts: a legacy result whose scope list holds 120 KB of scopes: Auth0's legacy contract lets a hook set any
//   scopes, so this could mint an oversized token around the 100 KB claims limit.
// Must: the 100 KB limit covers the scopes as well: a clear 500.
// @expect 500 server_error custom claims and scopes exceed 100 KB
module.exports = function (client, scope, audience, context, cb) {
  var scopes = [];
  for (var i = 0; i < 400; i++) scopes.push('scope:' + i + ':' + 'z'.repeat(300));
  cb(null, { scope: scopes });
};
