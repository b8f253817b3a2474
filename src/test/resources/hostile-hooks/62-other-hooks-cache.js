// Attempts: read another hook's Actions cache (the victim hook stored `victim-key`), guess keys, and dump the
//   event object and the cache API.
// Must: the cache is per hook: victim-key is not there; the victim's cached value appears nowhere.
// @expect 200
// @claim https://hostile.example/r "not found"
exports.onExecuteCredentialsExchange = async (event, api) => {
  var found = ['victim-key', 'config', 'token', '__proto__', 'constructor'].map(function (k) { return api.cache.get(k); })
    .filter(function (e) { return e !== undefined && e.value !== undefined; });
  api.accessToken.setCustomClaim('https://hostile.example/r', found.length ? JSON.stringify(found) : 'not found');
  api.accessToken.setCustomClaim('https://hostile.example/event', JSON.stringify(event));
};
