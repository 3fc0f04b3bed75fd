// Preloaded into `prisma migrate deploy` (scripts/lib/run.mjs): once its work is done, Prisma's
// schema engine still holds a 10 s timer that keeps the process alive. Long timers must not
// hold a short-lived CLI open, so they are unref'd. This saves ~10 s on every start and test run.
const originalSetTimeout = global.setTimeout;
global.setTimeout = function setTimeoutUnrefLong(callback, ms, ...args) {
  const timer = originalSetTimeout(callback, ms, ...args);
  if (typeof ms === "number" && ms >= 5000 && timer && typeof timer.unref === "function") timer.unref();
  return timer;
};
