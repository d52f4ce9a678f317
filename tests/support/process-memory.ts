/**
 * Memory of a process and its children from /proc (Linux): the peak resident set (VmHWM) is
 * what a load costs at its worst, whatever the garbage collector did afterwards.
 */
import { readFileSync } from "node:fs";

function field(pid: number, name: "VmHWM" | "VmRSS"): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const m = new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status);
  return m ? Number(m[1]) * 1024 : 0;
}

function descendants(pid: number): number[] {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [pid];
  }
  return [pid, ...children.flatMap(descendants)];
}

/** Bytes: the sum over the process tree of each one's peak (or current) resident set. */
export function treeMemory(pid: number, which: "peak" | "now"): number {
  return descendants(pid).reduce((sum, p) => {
    try {
      return sum + field(p, which === "peak" ? "VmHWM" : "VmRSS");
    } catch {
      return sum;
    }
  }, 0);
}
