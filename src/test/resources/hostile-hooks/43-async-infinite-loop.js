// Attempts: an async function that loops forever across awaits, each turn a fresh microtask.
// Must: the deadline (or the memory budget) stops it: 500.
// @expect 500 server_error timeout | budget
exports.onExecuteCredentialsExchange = async (event, api) => {
  for (;;) { await null; }
};
