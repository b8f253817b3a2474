// Attempts: compile a regular expression of tens of thousands of optional atoms, whose automaton explodes.
// Must: 500: the engine refuses patterns beyond its size limit at once; below it, the match is stopped at the
//   deadline, though the engine's first compilation of such a pattern is one step no interrupt reaches (measured:
//   about 0.1 s of CPU, cold).
// @overrun
// @expect 500 server_error timeout | budget
module.exports = function (client, scope, audience, context, cb) {
  var re = new RegExp('(' + 'a?'.repeat(20000) + ')' + 'a'.repeat(20000));
  cb(null, { 'https://hostile.example/r': re.test('a'.repeat(20000)) });
};
