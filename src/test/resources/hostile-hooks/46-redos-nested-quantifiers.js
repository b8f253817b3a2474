// Attempts: the classic ReDoS shapes, (a+)+$ and (\w+\s?)*$, on inputs that fail at the last character, in a loop
//   over growing inputs.
// Must: either the engine matches them in linear time or the deadline stops it; here the loop keeps going
//   until the deadline: 500.
// @expect 500 server_error timeout | budget
module.exports = function (client, scope, audience, context, cb) {
  for (var n = 20; ; n++) {
    /^(a+)+$/.test('a'.repeat(n) + '!');
    /^(\w+\s?)*$/.test('word '.repeat(n) + '!');
    /^(.*?,){11}P/.test('1,2,3,4,5,6,7,8,9,10,'.repeat(n));
  }
};
