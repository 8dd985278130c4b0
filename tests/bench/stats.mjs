// The statistics of `npm run bench` (tests/bench/run.mjs): medians and p90s of timings, and long
// tasks summed up.
const sorted = (xs) => [...xs].sort((a, b) => a - b);
const quantile = (xs, q) => {
  const s = sorted(xs);
  if (s.length === 0) return NaN;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
};
export const median = (xs) => quantile(xs, 0.5);
const p90 = (xs) => quantile(xs, 0.9);
export const summary = (xs) => ({
  runs: xs.length,
  median: median(xs),
  p90: p90(xs),
  min: Math.min(...xs),
  max: Math.max(...xs),
});

/** Long tasks (PerformanceLongTaskTiming entries as the page recorded them) in three numbers. */
export const describeLongTasks = (tasks) => ({
  count: tasks.length,
  maxMs: tasks.length ? Math.max(...tasks.map((t) => t.duration)) : 0,
  totalMs: tasks.reduce((sum, t) => sum + t.duration, 0),
});
