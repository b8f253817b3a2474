// Attempts: keep the first call's api object and, in the second call, set a claim and deny access through it
//   instead of the second call's own api.
// Must: an api object of an earlier call changes nothing: the second token is issued without that claim.
// @exchanges 2
// @expect 200
// @claim#1 https://hostile.example/r "{client}"
// @no-claim#2 https://hostile.example/r
var stale = null;
exports.onExecuteCredentialsExchange = async (event, api) => {
  if (stale === null) {
    stale = api;
    api.accessToken.setCustomClaim('https://hostile.example/r', event.client.client_id);
    return;
  }
  stale.accessToken.setCustomClaim('https://hostile.example/r', 'through a stale api');
  stale.transaction.addTargetScope('write:data');
  stale.access.deny('invalid_request', 'denied through a stale api');
};
