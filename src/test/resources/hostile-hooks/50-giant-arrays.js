// Attempts: arrays the engine cannot hold: new Array(2^32), Array.from({length: 2^32}), a length assignment.
// Must: the engine throws RangeError: Invalid array length: 500.
// @expect 500 server_error Invalid array length
module.exports = function (client, scope, audience, context, cb) {
  var a = [];
  a.length = 2 ** 32 - 1;
  a.push(1, 2);
  cb(null, { 'https://hostile.example/r': new Array(2 ** 32).length });
};
