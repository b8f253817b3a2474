// Attempts: modify everything handed in (client metadata, scope, context.body, the secrets object, the prototypes
//   of context and client) in the first call, so the second call (another client) sees the first's values.
// Must: every call gets fresh inputs; secrets are frozen: the second call sees its own client and the real secret.
// @secret OWN_SECRET own-secret-value
// @exchanges 2
// @expect 200
// @claim https://hostile.example/r "{client} full read:data own-secret-value"
module.exports = function (client, scope, audience, context, cb) {
  var seen = [client.id, client.metadata.plan, (scope || []).join(' '), context.webtask.secrets.OWN_SECRET].join(' ');
  client.metadata.plan = 'stolen';
  client.id = 'someone-else';
  if (scope) scope.push('admin:everything');
  context.body.client_id = 'someone-else';
  try { context.webtask.secrets.OWN_SECRET = 'replaced'; } catch (e) { /* frozen */ }
  try { delete context.webtask.secrets.OWN_SECRET; } catch (e) { /* frozen */ }
  Object.setPrototypeOf(context, { ip: '10.0.0.1' });
  Object.setPrototypeOf(client, { tenant: 'other' });
  cb(null, { 'https://hostile.example/r': seen });
};
