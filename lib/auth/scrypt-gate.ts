// A bound on password-hashing work (scrypt: ~32 MB and tens of milliseconds of a libuv thread
// each). Sign-in and sign-up queue in separate lanes, so a flood of sign-ups (each hashing a new
// password) can take at most its own lane's threads and never starves sign-ins; a lane whose
// queue is full answers "busy" at once instead of piling up memory and latency.
// Per process: with N processes behind a proxy, the bound is per process (each has its own threads).

export class ScryptBusy extends Error {
  constructor(public lane: string) {
    super(`Password hashing busy (${lane})`);
  }
}

export class Gate {
  private running = 0;
  private waiting: (() => void)[] = [];
  constructor(
    public readonly name: string,
    private readonly concurrency: number,
    private readonly queueMax: number,
  ) {}

  get stats() {
    return { running: this.running, waiting: this.waiting.length };
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.queueMax) throw new ScryptBusy(this.name);
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next)
        next(); // the slot passes straight to the next in line
      else this.running--;
    }
  }
}

// Node's thread pool has 4 threads: sign-in may use 3, sign-up 1.
const lanes = ((globalThis as { xiaokangScryptLanes?: { signIn: Gate; signUp: Gate } }).xiaokangScryptLanes ??= {
  signIn: new Gate("signIn", 3, 200),
  signUp: new Gate("signUp", 1, 8),
});

/** Runs password work in a lane: "signIn" (sign-in, password checks) or "signUp" (new accounts). */
export function withScrypt<T>(lane: "signIn" | "signUp", work: () => Promise<T>): Promise<T> {
  return lanes[lane].run(work);
}
