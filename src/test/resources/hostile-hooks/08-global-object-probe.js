// Attempts: enumerate the global object (string and symbol keys, through globalThis, a sloppy-mode `this` and
//   Function('return this')()) looking for anything beyond ECMAScript and the documented hook globals.
// Must: find a plain ECMAScript global object plus console, the timers and the three error classes.
// @expect 200
// @claim https://hostile.example/r "plain"
var ECMASCRIPT = ('AggregateError Array ArrayBuffer BigInt BigInt64Array BigUint64Array Boolean DataView Date Error ' +
  'EvalError FinalizationRegistry Float16Array Float32Array Float64Array Function Infinity Int16Array Int32Array ' +
  'Int8Array Intl Iterator JSON Map Math NaN Number Object Promise Proxy RangeError ReferenceError Reflect RegExp Set ' +
  'String Symbol SyntaxError TypeError URIError Uint16Array Uint32Array Uint8Array Uint8ClampedArray WeakMap WeakRef ' +
  'WeakSet decodeURI decodeURIComponent encodeURI encodeURIComponent escape eval globalThis isFinite isNaN ' +
  'parseFloat parseInt undefined unescape').split(' ');
var HOOK_GLOBALS = ('console setTimeout clearTimeout setInterval clearInterval setImmediate clearImmediate ' +
  'queueMicrotask InvalidScopeError InvalidRequestError ServerError').split(' ');
module.exports = function (client, scope, audience, context, cb) {
  var sloppyThis = (function () { return this; })();
  var viaFunction = Function('return this')();
  var extra = [];
  [globalThis, sloppyThis, viaFunction].forEach(function (g) {
    Object.getOwnPropertyNames(g).forEach(function (name) {
      if (ECMASCRIPT.indexOf(name) < 0 && HOOK_GLOBALS.indexOf(name) < 0 && extra.indexOf(name) < 0) extra.push(name);
    });
    Object.getOwnPropertySymbols(g).forEach(function (symbol) {
      if (symbol !== Symbol.toStringTag) extra.push(String(symbol));
    });
  });
  var same = sloppyThis === globalThis && viaFunction === globalThis;
  cb(null, { 'https://hostile.example/r': extra.length ? extra.join(',') : same ? 'plain' : 'other global' });
};
