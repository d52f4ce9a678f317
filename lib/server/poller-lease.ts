/**
 * The poller lease, held and renewed in the background. Renewed at a quarter of its length,
 * so a holder that is alive never loses it to a slow query, and one that died is replaced
 * within the lease's length plus one renewal period.
 */
import "./server-only";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
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
  /** Times this process took the lease over (for logs and tests). */
  terms = 0;

  constructor(
    private readonly store: Store,
    private readonly leaseMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Held and not past its expiry by our clock. */
  get held(): boolean {
    return this.now() < this.heldUntil;
  }

  /** Tries once at once, then keeps trying and renewing in the background. */
  async start(): Promise<void> {
    await this.renew();
    this.timer = setInterval(() => void this.renew(), Math.max(500, Math.floor(this.leaseMs / 4)));
    this.timer.unref();
  }

  async renew(): Promise<void> {
    const before = this.held;
    const now = this.now();
    try {
      let state = await tryAcquireLease(this.store.db, POLLER_LEASE, this.holder, now, this.leaseMs);
      // A holder on this host whose process is gone (a restart): no need to wait for its lease to run out.
      if (!state.held && holderIsDeadHere(state.holder)) {
        state = await takeOverLease(this.store.db, POLLER_LEASE, state.holder, this.holder, now, this.leaseMs);
      }
      // Keep a margin: stop polling a little before the row says others may start.
      this.heldUntil = state.held ? now + this.leaseMs - Math.floor(this.leaseMs / 8) : 0;
      if (state.held && !before) {
        this.terms++;
        console.log(`[stepscope] this instance polls Step Functions (lease ${POLLER_LEASE}, term ${state.term})`);
      }
    } catch (error) {
      // Database unreachable: keep polling only while the lease we had is still valid.
      console.error(`[stepscope] could not renew the poller lease: ${(error as Error).message}`);
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.heldUntil > 0) await releaseLease(this.store.db, POLLER_LEASE, this.holder).catch(() => undefined);
    this.heldUntil = 0;
  }
}
