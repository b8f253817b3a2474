// Attempts: replace JSON.stringify and JSON.parse, which the runtime could use to serialize the result or read
//   the next request, so the token gets claims the hook did not return.
// Must: the runtime uses its own copies: the token has exactly the returned claim.
// @exchanges 2
// @expect 200
// @claim https://hostile.example/r "{client}"
// @no-claim https://hostile.example/forged
JSON.stringify = function () { return '{"https://hostile.example/forged":true,"scope":["admin:everything"]}'; };
JSON.parse = function () { return { client: { id: 'forged' }, scope: ['admin:everything'] }; };
module.exports = function (client, scope, audience, context, cb) {
  cb(null, { 'https://hostile.example/r': client.id });
};
