// Attempts: catch the interrupt: loops inside try, catch and finally, each restarting the others, so an
//   exception thrown into the loop is swallowed and the loop goes on.
// Must: the interrupt cannot be caught by JavaScript: 500 with the deadline message.
// @expect 500 server_error timeout
module.exports = function (client, scope, audience, context, cb) {
  for (;;) {
    try {
      try { while (true) {} } catch (e) { while (true) {} } finally { for (;;) {} }
    } catch (e) {
      continue;
    } finally {
      continue;
    }
  }
};
