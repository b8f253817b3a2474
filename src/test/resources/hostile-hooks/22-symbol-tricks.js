// Attempts: Symbol-keyed and Symbol-valued results, Symbol.toPrimitive and Symbol.toStringTag on claim values,
//   Symbol.hasInstance on the error classes (to turn an error into invalid_scope), Symbol.species on arrays.
// Must: symbols never become claims; the error classes are frozen; the token is issued with string claims only.
// @expect 200
// @claim https://hostile.example/r "frozen"
// @claim https://hostile.example/value {}
// @no-claim https://hostile.example/symbol
module.exports = function (client, scope, audience, context, cb) {
  var frozen = 'frozen';
  try {
    Object.defineProperty(InvalidScopeError, Symbol.hasInstance, { value: function () { return true; } });
    frozen = 'changed';
  } catch (e) { /* frozen */ }
  Object.defineProperty(Error, Symbol.hasInstance, { value: function () { return true; } });
  Array[Symbol.species] = function () { return ['admin:everything']; };
  var result = { 'https://hostile.example/r': frozen };
  result[Symbol('https://hostile.example/hidden')] = 'hidden';
  result['https://hostile.example/symbol'] = Symbol('value');
  result['https://hostile.example/value'] = {
    [Symbol.toPrimitive]: function () { return 'primitive'; },
    [Symbol.toStringTag]: 'Java.lang.Object',
  };
  cb(null, result);
};
