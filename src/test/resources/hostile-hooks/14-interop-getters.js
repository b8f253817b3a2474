// Attempts: Java interop through property access: getters and methods a host object would have (getClass,
//   hashCode, class, toString of Java objects), descriptors of everything handed in, and interop-only
//   builtins (Java.isJavaObject, Polyglot.isExecutable, Symbol.for('polyglot')).
// Must: find only data properties of plain values: the inputs were parsed from JSON inside the sandbox.
// @expect 200
// @claim https://hostile.example/r "data only"
module.exports = function (client, scope, audience, context, cb) {
  var odd = [];
  function walk(value, path, depth) {
    if (value === null || typeof value !== 'object' || depth > 5) return;
    Object.getOwnPropertyNames(value).forEach(function (key) {
      var d = Object.getOwnPropertyDescriptor(value, key);
      if (d.get || d.set) odd.push(path + '.' + key + ' is an accessor');
      else walk(d.value, path + '.' + key, depth + 1);
    });
    ['getClass', 'hashCode', 'class', 'equals', 'wait', 'notify'].forEach(function (member) {
      if (member in value) odd.push(path + ' has ' + member);
    });
  }
  walk(client, 'client', 0);
  walk(context, 'context', 0);
  if (typeof Symbol.for('polyglot') !== 'symbol') odd.push('polyglot symbol');
  cb(null, { 'https://hostile.example/r': odd.length ? odd.join('; ') : 'data only' });
};
