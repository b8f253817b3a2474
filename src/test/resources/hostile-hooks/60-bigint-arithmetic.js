// Attempts: one BigInt multiplication of two 8-million-bit numbers: a single engine operation (Java's
//   BigInteger) that no interrupt reaches until it returns.
// Must: fail with the deadline message once the operation returns; the request is late by that operation's
//   length (measured: about 0.5 s of CPU on these machines; it grows with the operands' size as n^1.5, see the
//   README), the server stays healthy and no call is left running.
// @overrun
// @expect 500 server_error timeout | budget
module.exports = function (client, scope, audience, context, cb) {
  var x = (1n << 8000000n) - 1n;
  var y = x * x;
  cb(null, { 'https://hostile.example/r': String(y % 7n) });
};
