/**
 * Twenty viewers of one finished 25 MB history, against a running Stepscope whose cache is
 * smaller than the history (STEPSCOPE_CACHE_MB=1), reading from big-history-endpoint: the history
 * is read from Step Functions once, not once per viewer, and the server's peak memory stays within
 * 1.5 times what one viewer costs (each server is fresh, so its peak is that load's own).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBigHistoryEndpoint, type BigHistoryEndpoint } from "../support/big-history-endpoint";
import { treeMemory } from "../support/process-memory";
import { startStepscope } from "../support/server";

const VIEWERS = 20;
const MB = 1024 * 1024;

let endpoint: BigHistoryEndpoint;
beforeAll(async () => {
  endpoint = await startBigHistoryEndpoint();
}, 120_000);
afterAll(async () => {
  await endpoint?.stop();
});

/** A fresh server, `viewers` loading the history at once (twice each, as a page reload would), its peak memory and the history calls it made. */
async function load(viewers: number): Promise<{ peak: number; historyCalls: number; bytes: number }> {
  // A generous deadline per call: on a machine busy with other suites, a slow page is not the point here.
  const server = await startStepscope({ env: { AWS_ENDPOINT_URL_SFN: endpoint.url, STEPSCOPE_SFN_MAX_ATTEMPTS: "1", STEPSCOPE_CACHE_MB: "1", STEPSCOPE_SFN_TIMEOUT_MS: "120000" } });
  try {
    const before = endpoint.calls.GetExecutionHistory ?? 0;
    const url = `${server.url}/api/executions/${encodeURIComponent(endpoint.executionArn)}/history`;
    let bytes = 0;
    for (let round = 0; round < 2; round++) {
      const sizes = await Promise.all(
        Array.from({ length: viewers }, async () => {
          const res = await fetch(url);
          if (!res.ok) throw new Error(`history answered ${res.status}: ${await res.text()}`);
          return (await res.arrayBuffer()).byteLength;
        }),
      );
      bytes = Math.max(bytes, ...sizes);
    }
    return { peak: treeMemory(server.pid, "peak"), historyCalls: (endpoint.calls.GetExecutionHistory ?? 0) - before, bytes };
  } finally {
    await server.stop();
  }
}

describe("a finished history larger than the cache, many viewers", () => {
  it(`${VIEWERS} viewers cost one read from Step Functions and at most 1.5x the memory of one viewer`, async () => {
    const one = await load(1);
    const many = await load(VIEWERS);
    console.log(`[history-memory] body ${(one.bytes / MB).toFixed(1)} MB; peak RSS one viewer ${(one.peak / MB).toFixed(0)} MB, ${VIEWERS} viewers ${(many.peak / MB).toFixed(0)} MB (${(many.peak / one.peak).toFixed(2)}x); history pages read ${one.historyCalls} vs ${many.historyCalls}`);
    expect(one.bytes).toBeGreaterThan(20 * MB);
    // One whole read (pages of 1,000 events) however many viewers and reloads, though the cache cannot hold it.
    const oneRead = Math.ceil(endpoint.events.length / 1000);
    expect(one.historyCalls).toBe(oneRead);
    expect(many.historyCalls).toBe(oneRead);
    expect(many.peak).toBeLessThanOrEqual(one.peak * 1.5);
  }, 300_000);
});
