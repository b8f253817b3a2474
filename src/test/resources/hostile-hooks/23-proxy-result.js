// Attempts: answer with a Proxy whose traps lie: ownKeys lists claims, get returns a different value on every
//   read (a time-of-check/time-of-use race between the runtime's checks and its use), has/getOwnPropertyDescriptor
//   claim a reserved `iss`.
// Must: the runtime reads the result once, into JSON, inside the sandbox; reserved claims stay the server's.
// @expect 200
// @claim https://hostile.example/r "read 1"
module.exports = function (client, scope, audience, context, cb) {
  var reads = 0;
  var result = new Proxy({}, {
    ownKeys: function () { return ['https://hostile.example/r', 'iss', 'exp']; },
    getOwnPropertyDescriptor: function () { return { value: 'x', enumerable: true, configurable: true, writable: true }; },
    get: function (target, key) {
      if (key === 'iss') return 'https://evil.example/';
      if (key === 'exp') return 99999999999;
      return 'read ' + (++reads);
    },
    has: function () { return true; },
  });
  cb(null, result);
};
