// Attempts: every Java package global GraalJS has had (java, javax, com, org, edu, javafx) and a class through
//   each of them, by name, through globalThis and through an indirect eval.
// Must: find none of them (GraalJS defines edu and javafx as well; the runtime removes all non-ECMAScript globals).
// @expect 200
// @claim https://hostile.example/r "none"
module.exports = function (client, scope, audience, context, cb) {
  var found = [];
  ['java', 'javax', 'com', 'org', 'edu', 'javafx', 'Packages', 'JavaImporter'].forEach(function (name) {
    if (typeof globalThis[name] !== 'undefined') found.push(name);
    try { if (typeof (0, eval)(name) !== 'undefined') found.push('eval:' + name); } catch (e) { /* not defined */ }
  });
  try { found.push('class:' + String(edu.ucar.Anything)); } catch (e) { /* not defined */ }
  try { found.push('class:' + String(new javafx.scene.Node())); } catch (e) { /* not defined */ }
  cb(null, { 'https://hostile.example/r': found.length ? found.join(',') : 'none' });
};
