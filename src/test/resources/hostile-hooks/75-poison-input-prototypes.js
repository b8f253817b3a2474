// Attempts: in the first call, put accessors on Object.prototype under the request parameters' names and a Proxy
//   under Array.prototype (Object.setPrototypeOf), so that building the next call's inputs runs hook code or loses
//   values: context.body and the scope array.
// Must: the second call gets its inputs intact, as own data properties, and no trap ran while they were built.
// @exchanges 2
// @expect 200
// @claim#2 https://hostile.example/body "client_credentials"
// @claim#2 https://hostile.example/scope "1 read:data"
// @claim#2 https://hostile.example/trapped 0
var calls = 0, trapped = 0;
module.exports = function (client, scope, audience, context, cb) {
  if (++calls === 1) {
    ['grant_type', 'audience', 'client_id'].forEach(function (name) {
      Object.defineProperty(Object.prototype, name, {
        set: function () { trapped++; }, get: function () { trapped++; return 'poisoned'; }, configurable: true });
    });
    Object.setPrototypeOf(Array.prototype, new Proxy(Object.create(Object.prototype), {
      has: function () { trapped++; return true; },
      get: function () { trapped++; return 'admin:everything'; },
      set: function () { trapped++; return true; },
    }));
    return cb(null, {});
  }
  var body = Object.getOwnPropertyDescriptor(context.body, 'grant_type');
  var first = Object.getOwnPropertyDescriptor(scope, '0');
  cb(null, { 'https://hostile.example/body': body ? body.value : 'swallowed',
    'https://hostile.example/scope': scope.length + ' ' + (first ? first.value : 'swallowed'),
    'https://hostile.example/trapped': trapped });
};
