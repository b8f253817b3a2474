// Attempts: replace Object.defineProperty, keys, freeze, create, getPrototypeOf, hasOwn and Reflect.apply before
//   the runtime serializes the result, so it reads properties the hook hides or invents.
// Must: the runtime uses the intrinsics it captured first: the token has exactly the returned claim.
// @expect 200
// @claim https://hostile.example/r "real"
// @no-claim https://hostile.example/forged
module.exports = function (client, scope, audience, context, cb) {
  Object.keys = function () { return ['https://hostile.example/forged', 'scope']; };
  Object.defineProperty = function () { throw new Error('defineProperty replaced'); };
  Object.freeze = function (o) { return o; };
  Object.create = function () { return { 'https://hostile.example/forged': true }; };
  Object.getPrototypeOf = function () { return null; };
  Object.hasOwn = function () { return true; };
  Reflect.apply = function () { return '{"kind":"legacy","result":{"https://hostile.example/forged":true}}'; };
  String.prototype.slice = function () { return 'forged'; };
  cb(null, { 'https://hostile.example/r': 'real' });
};
