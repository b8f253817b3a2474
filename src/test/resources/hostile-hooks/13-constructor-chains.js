// Attempts: climb constructor chains from every value the hook is handed (client, context, secrets, cb, scope)
//   and from builtins, looking for a host object: .constructor.constructor('return this')(), getClass(),
//   __proto__ walks, Object.getPrototypeOf chains.
// Must: reach only plain JavaScript objects, this realm's Function and the ordinary global object.
// @expect 200
// @claim https://hostile.example/r "plain"
module.exports = function (client, scope, audience, context, cb) {
  var odd = [];
  var handed = { client: client, metadata: client.metadata, scope: scope, context: context, body: context.body,
    webtask: context.webtask, secrets: context.webtask.secrets, cb: cb, error: new InvalidScopeError('x') };
  if (cb.constructor.constructor('return this')() !== globalThis) odd.push('cb: another global');
  Object.keys(handed).forEach(function (name) {
    var value = handed[name];
    // this realm's Function builds functions over this global only
    if (value.constructor.constructor !== Function) odd.push(name + ': another Function');
    if (typeof value.getClass !== 'undefined' || typeof value.class !== 'undefined') odd.push(name + ': host members');
    for (var p = value, depth = 0; p !== null && depth < 10; p = Object.getPrototypeOf(p), depth++) {
      if (p !== Object.prototype && p !== Function.prototype && p !== Array.prototype && p !== Error.prototype
          && Object.getPrototypeOf(p) !== Error.prototype && p !== value) odd.push(name + ': prototype ' + String(p));
    }
    if (value.__proto__ && value.__proto__.constructor && /Java|Host|Polyglot/.test(value.__proto__.constructor.name)) odd.push(name + ': host constructor');
  });
  cb(null, { 'https://hostile.example/r': odd.length ? odd.join('; ') : 'plain' });
};
