// Attempts: override every reserved claim (iss, sub, aud, exp, iat, nbf, jti, azp, client_id, gty, cnf, act),
//   with plain names and with names the claim policy might confuse (case, whitespace, a URL on auth0.com).
// Must: the token is issued with the server's reserved claims; only the namespaced claim is added.
// @expect 200
// @claim https://hostile.example/r "kept"
// @no-claim ISS
// @no-claim https://tenant.auth0.com/admin
module.exports = function (client, scope, audience, context, cb) {
  cb(null, {
    iss: 'https://evil.example/', sub: 'admin@clients', aud: 'https://everything.example/', exp: 99999999999,
    iat: 0, nbf: 0, jti: 'fixed', azp: 'admin', client_id: 'admin', gty: 'password', cnf: { jkt: 'x' },
    act: { sub: 'admin' }, ISS: 'evil', ' iss': 'evil', 'https://tenant.auth0.com/admin': true,
    'https://hostile.example/r': 'kept',
  });
};
