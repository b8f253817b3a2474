// Attempts: an Actions hook awaiting a promise that never settles, with no timer left: the run can never end.
// Must: fail at the deadline (as Auth0 does): 500 with the deadline message.
// @expect 500 server_error timeout
exports.onExecuteCredentialsExchange = async (event, api) => {
  await new Promise(function () {});
  api.accessToken.setCustomClaim('https://hostile.example/r', 'never');
};
