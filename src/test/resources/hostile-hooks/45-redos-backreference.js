// Attempts: catastrophic backtracking: nested quantifiers with a backreference (which forces the backtracking
//   regular-expression engine) against a string that almost matches: exponential in its length.
// Must: the deadline stops the match (regular-expression execution is interruptible): 500.
// @expect 500 server_error timeout | budget
module.exports = function (client, scope, audience, context, cb) {
  var matched = /^((a+)+)\2?$/.test('a'.repeat(40) + '!');
  cb(null, { 'https://hostile.example/r': matched });
};
