/**
 * When executions start: each machine's time line is cut into slots, and hash(seed, machine,
 * slot) decides whether the slot holds an execution, when in the slot it starts and its name.
 * The name carries its slot (masked), so an ARN leads back to its execution without a lookup.
 */
import type { MachineSpec } from "../machines/machine-spec";
import { hash32, Rng } from "../sim/random";

export interface ScheduledExecution {
  machine: MachineSpec;
  slot: number;
  name: string;
  startMs: number;
  /** Seed of the execution's own simulation. */
  seed: number;
}

function slotMask(seed: number, machine: string): number {
  return hash32(seed, machine, "slot-mask");
}

// Slots are consecutive numbers; an odd multiplier (invertible mod 2^32) scatters them so
// that neighbouring executions' names do not look alike.
const SCATTER = 0x9e3779b1;
const UNSCATTER = modularInverse(SCATTER);

function modularInverse(odd: number): number {
  let x = odd;
  for (let i = 0; i < 5; i++) x = Math.imul(x, 2 - Math.imul(odd, x));
  return x >>> 0;
}

function hideSlot(seed: number, machine: string, slot: number): string {
  return ((Math.imul(slot, SCATTER) ^ slotMask(seed, machine)) >>> 0).toString(16).padStart(8, "0");
}

function revealSlot(seed: number, machine: string, hidden: string): number {
  return Math.imul((parseInt(hidden, 16) ^ slotMask(seed, machine)) >>> 0, UNSCATTER) >>> 0;
}

export function scheduledAt(seed: number, machine: MachineSpec, slot: number): ScheduledExecution | undefined {
  if (machine.slotSeconds <= 0 || slot < 0 || !Number.isSafeInteger(slot)) return undefined;
  const slotMs = machine.slotSeconds * 1000;
  const rng = new Rng(hash32(seed, machine.name, slot));
  const startMs = slot * slotMs + Math.floor(rng.next() * slotMs);
  if (!rng.chance(machine.density(startMs))) return undefined;
  const random = rng.hex(19);
  const masked = hideSlot(seed, machine.name, slot);
  const name = `${random.slice(0, 8)}-${random.slice(8, 12)}-4${random.slice(12, 15)}-a${random.slice(15, 18)}-${random.slice(18, 19)}${rng.hex(3)}${masked}`;
  return { machine, slot, name, startMs, seed: hash32(seed, machine.name, name) };
}

/** The scheduled execution with this name, if the name is one the schedule produced. */
export function scheduledByName(seed: number, machine: MachineSpec, name: string): ScheduledExecution | undefined {
  const m = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{4}([0-9a-f]{8})$/.exec(name);
  if (!m || machine.slotSeconds <= 0) return undefined;
  const slot = revealSlot(seed, machine.name, m[1]);
  const found = scheduledAt(seed, machine, slot);
  return found && found.name === name ? found : undefined;
}

/** Scheduled executions that start in [fromMs, toMs], oldest first. */
export function scheduledBetween(seed: number, machine: MachineSpec, fromMs: number, toMs: number): ScheduledExecution[] {
  if (machine.slotSeconds <= 0) return [];
  const slotMs = machine.slotSeconds * 1000;
  const out: ScheduledExecution[] = [];
  for (let slot = Math.floor(fromMs / slotMs); slot <= Math.floor(toMs / slotMs); slot++) {
    const found = scheduledAt(seed, machine, slot);
    if (found && found.startMs >= fromMs && found.startMs <= toMs) out.push(found);
  }
  return out;
}
