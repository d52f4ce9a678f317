/**
 * The poller lease, held and renewed in the background. Renewed at a quarter of its length,
 * so a holder that is alive never loses it to a slow query, and one that died is replaced
 * within the lease's length plus one renewal period; one that shuts down cleanly gives it up,
 * and is replaced at the next renewal of another instance.
 *
 * The row's instants are the database's clock (see lib/store/lease.ts). Locally, the process
 * only measures how long ago it renewed, on its own clock: an offset between the two clocks
 * changes nothing.
 */
import "./server-only";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { performance } from "node:perf_hooks";
import { releaseLease, takeOverLease, tryAcquireLease, type Store } from "@/lib/store";

export const POLLER_LEASE = "poller";

/** Whether a holder id (`host:pid:nonce`) names a process of this host that no longer exists. */
export function holderIsDeadHere(holder: string): boolean {
  const [host, pid] = holder.split(":");
  if (host !== hostname() || !/^\d+$/.test(pid ?? "") || Number(pid) === process.pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

export class PollerLease {
  readonly holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private heldUntil = 0;
  private timer?: ReturnType<typeof setInterval>;
  private stopped = false;
  private renewing?: Promise<void>;
  /** Times this process took the lease over (for logs and tests). */
  terms = 0;

  constructor(
    private readonly store: Store,
    private readonly leaseMs: number,
    /** Measures time since the last renewal only (a monotonic clock); the lease's instants are the database's. */
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Between renewals: how often another instance looks for a free lease. */
  get renewEveryMs(): number {
    return Math.max(500, Math.floor(this.leaseMs / 4));
  }

  /** Held, and renewed recently enough that the row cannot have run out yet. */
  get held(): boolean {
    return !this.stopped && this.now() < this.heldUntil;
  }

  /** Tries once at once, then keeps trying and renewing in the background. */
  async start(): Promise<void> {
    await this.renew();
    this.timer = setInterval(() => void this.renew(), this.renewEveryMs);
    this.timer.unref();
  }

  renew(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.renewing ??= this.renewOnce().finally(() => (this.renewing = undefined));
    return this.renewing;
  }

  private async renewOnce(): Promise<void> {
    const before = this.held;
    // Taken before the statement: the database's expiry is later than this plus the lease.
    const sent = this.now();
    try {
      let state = await tryAcquireLease(this.store, POLLER_LEASE, this.holder, this.leaseMs);
      // A holder on this host whose process is gone (a restart): no need to wait for its lease to run out.
      if (!state.held && holderIsDeadHere(state.holder)) {
        state = await takeOverLease(this.store, POLLER_LEASE, state.holder, this.holder, this.leaseMs);
      }
      // Keep a margin: stop polling a little before the row says others may start.
      this.heldUntil = state.held ? sent + this.leaseMs - Math.floor(this.leaseMs / 8) : 0;
      if (state.held && !before) {
        this.terms++;
        console.log(`[stepscope] this instance polls Step Functions (lease ${POLLER_LEASE}, term ${state.term})`);
      }
    } catch (error) {
      // Database unreachable: keep polling only while the lease we had is still valid.
      console.error(`[stepscope] could not renew the poller lease: ${(error as Error).message}`);
    }
  }

  /** Stops renewing and polling at once (the row is given up by `stop`, once what is unsaved is saved). */
  relinquish(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Gives the lease up: another instance takes it at its next renewal instead of after the lease runs out. */
  async stop(): Promise<void> {
    this.relinquish();
    // A renewal under way may be taking the lease right now: give up what it took.
    await this.renewing;
    const had = this.heldUntil > 0;
    this.heldUntil = 0;
    if (!had) return;
    try {
      await releaseLease(this.store, POLLER_LEASE, this.holder);
      console.log(`[stepscope] gave up the poller lease (lease ${POLLER_LEASE}): another instance may poll at once`);
    } catch (error) {
      console.error(`[stepscope] could not give up the poller lease, it runs out by itself: ${(error as Error).message}`);
    }
  }
}
