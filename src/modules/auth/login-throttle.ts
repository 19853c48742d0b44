/**
 * Growing delay after failed sign-ins, per account and per client IP (in memory, per process). The first
 * free failures cost nothing; after that each failure doubles the wait before the next attempt is even
 * checked (1 s, 2 s, 4 s … up to 15 min). A successful sign-in clears the account's count. @fastify/rate-limit caps
 * the raw request rate on top of this.
 */
export const FREE_FAILURES_PER_ACCOUNT = 5;
/** An office behind one NAT address shares an IP, so the IP gets more failures before its delay starts. */
export const FREE_FAILURES_PER_IP = 20;
const MAX_DELAY_MS = 15 * 60 * 1000;
// Entries older than this are forgotten, so the map cannot grow without bound.
const FORGET_AFTER_MS = 24 * 60 * 60 * 1000;

interface Entry {
  failures: number;
  blockedUntil: number;
  lastFailure: number;
}

export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly freeFailures: number) {}

  /** Milliseconds the caller must still wait for any of the keys; 0 when an attempt is allowed now. */
  retryAfter(keys: string[], now: number): number {
    let wait = 0;
    for (const key of keys) {
      const e = this.entries.get(key);
      if (e && e.blockedUntil > now) wait = Math.max(wait, e.blockedUntil - now);
    }
    return wait;
  }

  /** Records a failure for each key and returns the delay now imposed (ms). */
  fail(keys: string[], now: number): number {
    let delay = 0;
    for (const key of keys) {
      const e = this.entries.get(key) ?? { failures: 0, blockedUntil: 0, lastFailure: 0 };
      if (now - e.lastFailure > FORGET_AFTER_MS) e.failures = 0;
      e.failures += 1;
      e.lastFailure = now;
      const over = e.failures - this.freeFailures;
      if (over > 0) {
        const d = Math.min(MAX_DELAY_MS, 1000 * 2 ** (over - 1));
        e.blockedUntil = now + d;
        delay = Math.max(delay, d);
      }
      this.entries.set(key, e);
    }
    if (this.entries.size > 100_000) this.prune(now);
    return delay;
  }

  /** Clears the count of a key (after a successful sign-in). */
  succeed(key: string): void {
    this.entries.delete(key);
  }

  private prune(now: number): void {
    for (const [key, e] of this.entries) if (now - e.lastFailure > FORGET_AFTER_MS) this.entries.delete(key);
  }
}
