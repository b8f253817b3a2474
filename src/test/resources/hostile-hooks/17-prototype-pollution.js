// Attempts: pollute Object.prototype and Array.prototype in the first call (claims, scope, toJSON, then, and an
//   index setter that swallows array writes) so the runtime's handling of the second call (another client)
//   picks them up: its result, or the inputs the runtime builds for it.
// Must: both tokens carry only what each call returned, and the second call gets its own scope intact; the
//   pollution stays in the hook's own values.
// @exchanges 2
// @expect 200
// @claim https://hostile.example/r "{client}"
// @claim#2 https://hostile.example/scope "1 read:data"
// @no-claim https://hostile.example/polluted
// @no-claim https://hostile.example/json
var calls = 0;
module.exports = function (client, scope, audience, context, cb) {
  if (++calls === 1) {
    Object.prototype['https://hostile.example/polluted'] = 'from ' + client.id;
    ({}).__proto__.scope = ['admin:everything'];
    Object.prototype.kind = 'error';
    Object.prototype.toJSON = function () { return { 'https://hostile.example/json': 1, scope: ['admin:everything'] }; };
    Object.prototype.then = function (resolve) { resolve({ 'https://hostile.example/polluted': 'then' }); };
    Array.prototype.toJSON = function () { return ['admin:everything']; };
    Object.defineProperty(Array.prototype, '0', { set: function () {}, get: function () { return 'admin:everything'; }, configurable: true });
    return cb(null, { 'https://hostile.example/r': client.id });
  }
  var own = Object.getOwnPropertyDescriptor(scope, '0');
  cb(null, { 'https://hostile.example/r': client.id,
    'https://hostile.example/scope': scope.length + ' ' + (own ? own.value : 'swallowed') });
};
