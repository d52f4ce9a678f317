/**
 * The values found at redaction paths, per execution, kept for as long as the execution's data
 * may still be read: a poll for the events after #5,000 has no input in it, yet its causes may
 * quote the input of event #1. Bounded: the least recently used executions are forgotten first
 * (their data was redacted when it was read, so forgetting only loses the cross-page scrub of
 * data not read yet).
 */
import { SecretSet } from "./secret-set";

export class SecretLedger {
  private readonly byOwner = new Map<string, SecretSet>();

  constructor(private readonly maxOwners = 5_000) {}

  /** The set for one execution (or map run), created on first use. */
  for(owner: string): SecretSet {
    let set = this.byOwner.get(owner);
    if (set) {
      this.byOwner.delete(owner);
    } else {
      set = new SecretSet();
      if (this.byOwner.size >= this.maxOwners) this.byOwner.delete(this.byOwner.keys().next().value as string);
    }
    this.byOwner.set(owner, set);
    return set;
  }

  get size(): number {
    return this.byOwner.size;
  }
}
