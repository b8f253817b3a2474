// Attempts: replace Promise, Promise.resolve and Promise.prototype.then, which the runtime uses to wait for an
//   async hook, so a rejected or never-settled hook looks successful, or a successful one never completes.
// Must: the runtime waits with the intrinsic Promise: the async hook's real result is used.
// @expect 200
// @claim https://hostile.example/r "awaited"
Promise.prototype.then = function (onFulfilled) { onFulfilled({ 'https://hostile.example/r': 'forged' }); };
Promise.resolve = function () { return { then: function () {} }; };
globalThis.Promise = function () { return { then: function () {} }; };
exports.onExecuteCredentialsExchange = async (event, api) => {
  await null;
  api.accessToken.setCustomClaim('https://hostile.example/r', 'awaited');
};
