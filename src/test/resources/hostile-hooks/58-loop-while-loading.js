// Attempts: loop at the top level of the script, which runs while the runtime loads the hook into a context,
//   before any request reaches it, to wedge the context pool.
// Must: saving the hook already loads it under the deadline: the Management API refuses the script with a 400
//   (loading in the pool is watched by the same deadline too: HookLimitsTest).
// @refused the script did not finish loading within {deadline}
while (true) {}
module.exports = function (client, scope, audience, context, cb) { cb(); };
