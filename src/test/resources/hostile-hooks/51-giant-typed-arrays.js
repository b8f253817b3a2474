// Attempts: typed arrays and buffers of 2 GB and more, and a view past its buffer's end.
// Must: the engine refuses them with a RangeError: 500.
// @expect 500 server_error Array buffer allocation failed | Invalid typed array length: ...
module.exports = function (client, scope, audience, context, cb) {
  var big = new Float64Array(2 ** 31);
  var buffer = new ArrayBuffer(2 ** 31);
  cb(null, { 'https://hostile.example/r': big.length + buffer.byteLength });
};
