// Attempts: allocate without end in small pieces (objects, arrays, maps, buffers of 1 MB), keeping them all.
// Must: the per-call memory budget (or the deadline) stops it; the heap is given back: 500.
// @expect 500 server_error budget | timeout
module.exports = function (client, scope, audience, context, cb) {
  var keep = [];
  for (var i = 0; ; i++) {
    keep.push({ i: i, s: 'x' + i }, [i, i, i], new Map([[i, i]]));
    if (i % 64 === 0) keep.push(new ArrayBuffer(1 << 20));
  }
};
