// Attempts: answer with values that are not JSON: functions, classes, the global object, BigInt, Date, RegExp,
//   Map, Set, typed arrays, WeakRef, a generator, a bound cb, Infinity and NaN, -0, sparse arrays.
// Must: everything is reduced to JSON data inside the sandbox (functions dropped, BigInt as a string, NaN as
//   null, objects to their own enumerable properties); the token is issued.
// @expect 200
// @claim https://hostile.example/big "123456789012345678901234567890"
// @claim https://hostile.example/list [1,null,null,null]
// @claim https://hostile.example/date {}
// @no-claim https://hostile.example/fn
module.exports = function (client, scope, audience, context, cb) {
  cb(null, {
    'https://hostile.example/fn': function () { return 'code'; },
    'https://hostile.example/class': class Escape {},
    'https://hostile.example/global': { g: globalThis, bound: cb.bind(null) },
    'https://hostile.example/big': 123456789012345678901234567890n,
    'https://hostile.example/date': new Date(0),
    'https://hostile.example/misc': [/x/g, new Map([[1, 2]]), new Set([1]), new Uint8Array(4), new WeakRef({}), (function* () {})()],
    'https://hostile.example/list': [1, NaN, Infinity, undefined],
    'https://hostile.example/sparse': [, , , -0],
  });
};
