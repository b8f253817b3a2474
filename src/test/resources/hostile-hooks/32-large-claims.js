// Attempts: 120 KB of custom claims, under the 1 MiB result limit, to mint an oversized token.
// Must: the host refuses custom claims above 100 KB: a clear 500.
// @expect 500 server_error custom claims exceed 100 KB
module.exports = function (client, scope, audience, context, cb) {
  var result = {};
  for (var i = 0; i < 120; i++) result['https://hostile.example/c' + i] = 'y'.repeat(1000);
  cb(null, result);
};
