// The scheduled jobs of a server process, started once from instrumentation.ts. Every process
// runs every job's tick; the work inside a tick is claimed with leases (./lease.ts), so N
// processes share it and nothing is done twice. Register a job here with its period.
//
// Settings: JOBS=off  runs no job in this process (e.g. web-only processes when a few others do
//                     the jobs); JOBS_EVERY_MS  overrides every period (the two-process test: 1000).
import "server-only";
import { db } from "@/lib/db/db.server";
import { env } from "@/lib/env/env";
import { log } from "@/lib/ops/log.server";
import { purgeFinished } from "./lease";

export interface ScheduledJob {
  name: string;
  everyMs: number;
  run: () => Promise<void>;
}

const state = globalThis as unknown as { xiaokangJobs?: Map<string, NodeJS.Timeout> };

function period(job: ScheduledJob): number {
  return env().JOBS_EVERY_MS ?? job.everyMs;
}

/** Starts each job's timer (once per process; a second call does nothing). */
export function startJobs(jobs: ScheduledJob[]): void {
  if (env().JOBS === "off" || !env().DATABASE_URL) return;
  state.xiaokangJobs ??= new Map();
  const all: ScheduledJob[] = [...jobs, { name: "jobs.purge", everyMs: 6 * 60 * 60_000, run: async () => void (await purgeFinished(db)) }];
  for (const job of all) {
    if (state.xiaokangJobs.has(job.name)) continue;
    let running = false;
    const tick = async () => {
      if (running) return; // a slow tick is not overlapped by the next one in this process
      running = true;
      try {
        await job.run();
      } catch (error) {
        log.error({ job: job.name, err: error }, "job failed; will try again at the next tick");
      } finally {
        running = false;
      }
    };
    const timer = setInterval(tick, period(job));
    timer.unref();
    state.xiaokangJobs.set(job.name, timer);
  }
}
