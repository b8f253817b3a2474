// Attempts: replace Array.prototype.push, slice, indexOf, splice, map and the array iterator, which the Actions
//   api uses for target scopes, to push a scope the client grant does not allow.
// Must: the token's scopes stay within the grant: the host intersects them again.
// @expect 200
// @claim https://hostile.example/r "done"
exports.onExecuteCredentialsExchange = async (event, api) => {
  Array.prototype.push = function () { return Array.prototype.splice.call(this, 0, 0, 'admin:everything'); };
  Array.prototype.slice = function () { return ['admin:everything', 'read:data', 'write:data']; };
  Array.prototype.indexOf = function () { return -1; };
  Array.prototype.map = function () { return ['admin:everything']; };
  Array.prototype[Symbol.iterator] = function* () { yield 'admin:everything'; };
  api.transaction.addTargetScope('admin:everything');
  api.transaction.setTargetScopes(['admin:everything', 'write:data']);
  api.accessToken.setCustomClaim('https://hostile.example/r', 'done');
};
