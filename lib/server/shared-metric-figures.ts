/**
 * The fleet's CloudWatch figures (Express machines, and windows longer than the execution index
 * keeps), read once for every instance of a store. Only the poller lease holder calls
 * GetMetricData, for the preset windows someone looked at in the last few minutes, again once
 * its figures are a minute old (the resolution CloudWatch publishes at); it keeps them in the
 * store, and every instance answers from there. So the calls are one poller's however many
 * instances serve the pages, and nobody looking costs none.
 *
 * A custom window is one person's question: it is read by the instance asked, as before.
 */
import "./server-only";
import type { FleetRow, MachineMetricsResponse } from "@/lib/contract/api";
import { resolveWindow, WINDOW_PRESETS, type ResolvedWindow, type WindowPreset } from "@/lib/metrics/windows";
import { alwaysFromMetrics, machineFigures, machineMetricsFromCloudWatch, metricsResponseFromFigures, needsMetrics, withMetricFigures } from "@/lib/sfn/cloudwatch";
import type { MachineMetricFigures } from "@/lib/sfn/cloudwatch/metric-queries";
import { summaryFromFigures } from "@/lib/sfn/cloudwatch/metric-queries";
import type { SfnContext } from "@/lib/sfn/context";
import { SfnError } from "@/lib/sfn/errors";
import { noteFiguresWanted, putFigures, storedFigures, wantedFigureWindows, type Store, type StoredFigures } from "@/lib/store";
import { byDeadline } from "./by-deadline";
import { pause, RepeatedFailureLog } from "./pause";

/** Figures are read again once this old: CloudWatch publishes a point a minute. */
export const FIGURES_FRESH_MS = 60_000;
/** A failed read is tried again sooner. */
const RETRY_FAILED_MS = 15_000;
/** A window nobody asked for this long is no longer read. */
const WANTED_FOR_MS = 5 * 60_000;
/** Each instance says a window is wanted at most this often. */
const NOTE_EVERY_MS = 10_000;
/** An Express row whose figures the holder has not read yet. */
export const FIGURES_LOADING = "Reading this machine's figures from CloudWatch metrics: they appear within seconds.";
/** How often the holder looks for figures that are due. */
const ROUND_MS = 2_000;

export interface SharedMetricFiguresOptions {
  /** Whether this instance holds the poller lease (only the holder calls CloudWatch). */
  mayRead: () => boolean;
  /**
   * The fleet's machines as the store holds them (cheap: no listing, no index). The round reads
   * figures for those that always need them (Express; every machine past the index's horizon);
   * a Standard machine whose first listing is under way gets them when the holder serves a page.
   */
  machines: () => Promise<readonly Pick<FleetRow, "arn" | "type">[]>;
  /** How far back the execution index keeps executions (older windows come from metrics). */
  horizonMs: number;
}

function isPreset(label: string): label is WindowPreset {
  return label in WINDOW_PRESETS;
}

export class SharedMetricFigures {
  private readonly noted = new Map<string, number>();
  private readonly parsed = new Map<string, { json: string; figures: MachineMetricFigures }>();
  private stopped = false;
  /** Aborted by stop(): the wait between rounds ends at once. */
  private readonly stopping = new AbortController();
  private running?: Promise<void>;

  constructor(
    private readonly store: Store,
    private readonly options: SharedMetricFiguresOptions,
  ) {}

  /**
   * The fleet route's hook (withMetricFigures for a shared store): rows the index cannot answer
   * get their figures. The holder's read waits until `deadline` at most (performance.now() time):
   * past it the rows say their figures are on the way, and the read goes on for the next answer.
   */
  async withFigures(ctx: SfnContext, rows: FleetRow[], window: ResolvedWindow, deadline = Infinity): Promise<FleetRow[]> {
    const { horizonMs } = this.options;
    if (!isPreset(window.label)) return withMetricFigures(ctx, rows, window, horizonMs);
    const now = ctx.now();
    const wanted = rows.filter((r) => needsMetrics(r, window, now, horizonMs)).map((r) => r.arn);
    if (wanted.length === 0) return rows;
    await this.noteWanted(window.label, now);
    if (this.options.mayRead()) await byDeadline(this.readDue(ctx, window.label, wanted), deadline, undefined);
    const stored = await storedFigures(this.store, window.label, wanted);
    const wantedSet = new Set(wanted);
    return rows.map((row) => (wantedSet.has(row.arn) ? this.applied(window.label, row, stored.get(row.arn)) : row));
  }

  /**
   * The state machine page's figures from metrics: from the store when the holder read them
   * within the minute, else read by this instance (a page one person opened).
   */
  async machineMetrics(ctx: SfnContext, stateMachineArn: string, window: ResolvedWindow): Promise<MachineMetricsResponse> {
    if (isPreset(window.label)) {
      const stored = (await storedFigures(this.store, window.label, [stateMachineArn])).get(stateMachineArn);
      const figures = stored && stored.ageMs < FIGURES_FRESH_MS ? this.figuresOf(window.label, stored) : undefined;
      if (figures) return metricsResponseFromFigures(stateMachineArn, figures, ctx.now());
    }
    return machineMetricsFromCloudWatch(ctx, stateMachineArn, window);
  }

  /** The holder's round: every window someone looks at, read again once its figures are due. */
  async round(ctx: SfnContext): Promise<void> {
    if (!this.options.mayRead()) return;
    const labels = (await wantedFigureWindows(this.store, WANTED_FOR_MS)).filter(isPreset);
    if (labels.length === 0) return;
    const machines = await this.options.machines();
    for (const label of labels) {
      if (!this.options.mayRead()) return;
      const window = resolveWindow(label, ctx.now());
      const wanted = machines.filter((m) => alwaysFromMetrics(m.type, window, ctx.now(), this.options.horizonMs)).map((m) => m.arn);
      if (wanted.length > 0) await this.readDue(ctx, label, wanted);
    }
  }

  /** Runs rounds in the background until `stop`. */
  start(ctx: SfnContext): void {
    const failures = new RepeatedFailureLog("reading CloudWatch figures");
    this.running ??= (async () => {
      while (!this.stopped) {
        await this.round(ctx).then(
          () => failures.succeeded(),
          (error: unknown) => failures.failed((error as Error).message),
        );
        await pause(ROUND_MS, this.stopping.signal);
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping.abort();
    await this.running;
  }

  private async noteWanted(label: string, now: number): Promise<void> {
    const last = this.noted.get(label);
    if (last !== undefined && now - last < NOTE_EVERY_MS && now >= last) return;
    this.noted.set(label, now);
    await noteFiguresWanted(this.store, label).catch((error: unknown) => {
      this.noted.delete(label);
      console.error(`[stepscope] could not note that ${label} figures are wanted: ${(error as Error).message}`);
    });
  }

  /**
   * Reads the window's figures when any of them is due: all of them at once, since one
   * GetMetricData call carries dozens of machines. One read per window in flight.
   */
  private readDue(ctx: SfnContext, label: WindowPreset, arns: readonly string[]): Promise<void> {
    return ctx.flight.run(`shared-metric-figures:${label}`, async () => {
      const stored = await storedFigures(this.store, label, arns);
      const due = arns.some((arn) => {
        const s = stored.get(arn);
        return !s || s.ageMs >= (s.error ? RETRY_FAILED_MS : FIGURES_FRESH_MS);
      });
      if (!due || !this.options.mayRead()) return;
      try {
        const figures = await machineFigures(ctx, arns, resolveWindow(label, ctx.now()));
        await putFigures(this.store, label, arns.flatMap((arn) => {
          const f = figures.get(arn);
          return f ? [{ machineArn: arn, figures: JSON.stringify(f) }] : [];
        }));
      } catch (error) {
        const reason = error instanceof SfnError ? error.message : "CloudWatch metrics could not be read.";
        await putFigures(this.store, label, arns.map((arn) => ({ machineArn: arn, error: reason })));
      }
    });
  }

  private figuresOf(label: string, stored: StoredFigures): MachineMetricFigures | undefined {
    if (!stored.figures) return undefined;
    const key = `${label}\u001f${stored.machineArn}`;
    const known = this.parsed.get(key);
    if (known?.json === stored.figures) return known.figures;
    const figures = JSON.parse(stored.figures) as MachineMetricFigures;
    this.parsed.set(key, { json: stored.figures, figures });
    return figures;
  }

  /** A row with what the store holds for it: the figures, why there are none, or that they are on their way. */
  private applied(label: string, row: FleetRow, stored: StoredFigures | undefined): FleetRow {
    const figures = stored && this.figuresOf(label, stored);
    if (figures) {
      const { unavailable: _unavailable, ...rest } = row;
      return { ...rest, summary: summaryFromFigures(figures), figuresFrom: "metrics" };
    }
    if (stored?.error) return row.type === "EXPRESS" ? { ...row, unavailable: `No figures: ${stored.error}` } : row;
    // Not read yet (the holder reads it within a round): say so rather than show an empty row as settled.
    return row.type === "EXPRESS" ? { ...row, unavailable: FIGURES_LOADING, coverage: { ...row.coverage, state: "loading" } } : row;
  }
}
