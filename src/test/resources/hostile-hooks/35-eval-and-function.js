// Attempts: dynamic code through every door: direct and indirect eval, the Function constructor, the
//   constructors of generator, async and async generator functions, constructor-of-constructor chains from
//   builtins, Reflect.construct, and a string passed to setTimeout; each looks for Java, Polyglot or process.
// Must: the dynamic code runs in the same sandbox: nothing host-side is found.
// @expect 200
// @claim https://hostile.example/r "nothing found in 10 tries"
module.exports = function (client, scope, audience, context, cb) {
  var probe = 'typeof Java + typeof Polyglot + typeof process + typeof Packages';
  var none = 'undefinedundefinedundefinedundefined';
  var GeneratorFunction = Object.getPrototypeOf(function* () {}).constructor;
  var AsyncFunction = Object.getPrototypeOf(async function () {}).constructor;
  var AsyncGeneratorFunction = Object.getPrototypeOf(async function* () {}).constructor;
  var tries = [
    function () { return eval(probe); },
    function () { return (0, eval)(probe); },
    function () { return Function('return ' + probe)(); },
    function () { return new Function('return ' + probe)(); },
    function () { return GeneratorFunction('yield ' + probe)().next().value; },
    function () { return [].constructor.constructor('return ' + probe)(); },
    function () { return (1).constructor.constructor.constructor('return ' + probe)(); },
    function () { return Reflect.construct(Function, ['return ' + probe])(); },
    function () { return cb.constructor('return ' + probe)(); },
    function () { return typeof AsyncFunction + typeof AsyncGeneratorFunction === 'functionfunction' ? none : 'no'; },
  ];
  var found = tries.map(function (t) { try { return t(); } catch (e) { return 'threw ' + e; } }).filter(function (r) { return r !== none; });
  try { setTimeout('globalThis.escaped = typeof Java', 0); found.push('string timer accepted'); } catch (e) { /* callback must be a function */ }
  cb(null, { 'https://hostile.example/r': found.length ? found.join(';') : 'nothing found in ' + tries.length + ' tries' });
};
