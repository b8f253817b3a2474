// Attempts: flood the console: hundreds of lines, lines of 64 KB, a circular object holding 64 KB (which a
//   serializer follows a megabyte deep), every console method; the log would swell with every exchange.
// Must: the token is issued; the run's console is cut at 100 lines, 1,000 characters a line and 16 KB, and an
//   argument is written only as far as a line shows it (this hook once took seconds serializing 1 MiB per line).
// @expect 200
// @claim https://hostile.example/r "flooded"
// @console-capped
module.exports = function (client, scope, audience, context, cb) {
  var big = 'x'.repeat(1 << 16), cyclic = { big: big };
  cyclic.self = cyclic;
  for (var i = 0; i < 300; i++) {
    console.log(i, big);
    console.error(cyclic);
    console.warn({ toString: function () { throw new Error('unprintable'); } });
  }
  cb(null, { 'https://hostile.example/r': 'flooded' });
};
