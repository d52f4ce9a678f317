/**
 * What redaction costs on a 25,000-event history (25 MB of payloads, one page of 1,000 events
 * at a time as it is read): against a baseline of parsing and re-serializing the same page, the
 * least any masking by path on parsed JSON would do. Sizes interleaved, each warmed up.
 */
import type { HistoryEvent } from "@/lib/history/events";
import { parseRedactPaths, redactExecutionData, SecretSet } from "@/lib/security/redaction";
import { generateLargeHistory } from "../fixtures/large-history";
import { median, type Figure, figure, medianMs } from "./figure";

const PAGE = 1_000;

/** Every payload of the history with a secret at $..password in it: nothing can be skipped. */
function withSecrets(events: HistoryEvent[]): HistoryEvent[] {
  return JSON.parse(JSON.stringify(events).replace(/"input":"\{/g, '"input":"{\\"password\\":\\"pa55-word-0042\\",')) as HistoryEvent[];
}

function measure(label: string, events: HistoryEvent[], target: string): Figure {
  const pages: HistoryEvent[][] = [];
  for (let i = 0; i < events.length; i += PAGE) pages.push(events.slice(i, i + PAGE));
  const paths = parseRedactPaths("$..password,$.card.number");
  const redactAll = () => {
    const secrets = new SecretSet();
    for (const page of pages) redactExecutionData({ events: page }, paths, secrets);
  };
  const roundTripAll = () => {
    for (const page of pages) JSON.stringify(JSON.parse(JSON.stringify(page)));
  };
  const redactMs: number[] = [];
  const baseMs: number[] = [];
  for (let i = 0; i < 3; i++) {
    baseMs.push(medianMs(roundTripAll, 3, 1));
    redactMs.push(medianMs(redactAll, 3, 1));
  }
  return figure(`redaction of a ${events.length.toLocaleString("en")}-event history, ${label}, vs a JSON parse + stringify of it`, median(redactMs), "ratio", median(baseMs), target);
}

export async function figures(): Promise<Figure[]> {
  const events = generateLargeHistory({ seed: 7 });
  return [
    measure("no payload naming a redacted key", events, "≤ 0.5× (most payloads are skipped unwalked)"),
    measure("a secret in every input", withSecrets(events), "≤ 10× (read once per finished history, off the page's path)"),
  ];
}
