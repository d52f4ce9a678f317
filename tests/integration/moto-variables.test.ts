/**
 * Variables on a third-party engine: moto runs a machine that assigns variables at the top
 * level, inside Map iterations and on the Map itself. Read through our data layer and folded,
 * the history gives each state's assigned variables and the variables in scope. (moto 5.2 runs
 * JSONata states into a TypeError and reports no EvaluationFailed, so those are tested on
 * recorded AWS histories instead.)
 */
import { CreateStateMachineCommand, SFNClient, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config/env";
import { foldHistory } from "@/lib/history";
import type { ExecutionModel } from "@/lib/history/model";
import { variablesInScope } from "@/lib/postmortem/variables-in-scope";
import { createSfnContext, getSyncedHistory, type SfnContext } from "@/lib/sfn";
import { waitUntil } from "../support/free-port";
import { shouldRunMotoTests, startMoto, type MotoServer } from "../support/moto";

const ROLE = "arn:aws:iam::123456789012:role/stepscope-test";
const DEFINITION = {
  StartAt: "Init",
  States: {
    Init: { Type: "Pass", Assign: { factor: 3, "label.$": "$.label" }, Next: "Each" },
    Each: {
      Type: "Map",
      ItemsPath: "$.items",
      ItemProcessor: {
        ProcessorConfig: { Mode: "INLINE" },
        StartAt: "Scale",
        States: {
          Scale: { Type: "Pass", Assign: { "scaled.$": "$" }, Next: "Keep" },
          Keep: { Type: "Pass", End: true },
        },
      },
      Assign: { "results.$": "$" },
      Next: "Done",
    },
    Done: { Type: "Pass", End: true },
  },
};

const runMoto = shouldRunMotoTests();

describe.skipIf(!runMoto)("variables on moto", () => {
  let moto: MotoServer;
  let ctx: SfnContext;
  let model: ExecutionModel;

  beforeAll(async () => {
    moto = await startMoto();
    const sdk = new SFNClient({ endpoint: moto.url, region: "us-east-1", credentials: { accessKeyId: "testing", secretAccessKey: "testing" } });
    const machine = await sdk.send(new CreateStateMachineCommand({ name: "moto-variables", definition: JSON.stringify(DEFINITION), roleArn: ROLE }));
    const started = await sdk.send(new StartExecutionCommand({ stateMachineArn: machine.stateMachineArn!, name: "variables-1", input: JSON.stringify({ label: "blue", items: [3, 6] }) }));
    sdk.destroy();
    ctx = createSfnContext(parseConfig({ AWS_ENDPOINT_URL_SFN: moto.url, AWS_REGION: "us-east-1", STEPSCOPE_SFN_MAX_ATTEMPTS: "1" }));
    await waitUntil(
      async () => {
        const events = (await getSyncedHistory(ctx, started.executionArn!)).events;
        model = foldHistory(events);
        // moto may write a state's last events after the execution's own end: wait for them too.
        const done = model.runs.find((r) => r.name === "Done");
        return model.status !== "RUNNING" && done?.exitedAt !== undefined && model.runs.find((r) => r.name === "Each")?.assignedVariables !== undefined;
      },
      40_000,
      "the execution",
    );
  }, 120_000);

  afterAll(async () => {
    await moto?.stop();
  });

  it("keeps what each state assigned", () => {
    const init = model.runs.find((r) => r.name === "Init")!;
    expect(init.assignedVariables?.values).toEqual({ factor: "3", label: '"blue"' });
    const scaled = model.runs.filter((r) => r.name === "Scale").map((r) => [r.iteration, r.assignedVariables?.values.scaled]);
    expect(scaled.sort()).toEqual([[0, "3"], [1, "6"]]);
  });

  it("an iteration sees the outer variables and its own, not its sibling's", () => {
    // The iterations run concurrently: their events interleave in any order.
    for (const keep of model.runs.filter((r) => r.name === "Keep")) {
      const scale = model.runs.find((r) => r.name === "Scale" && r.iteration === keep.iteration)!;
      const scope = Object.fromEntries(variablesInScope(model, keep).map((v) => [v.name, v.value]));
      expect(scope).toEqual({ factor: "3", label: '"blue"', scaled: scale.assignedVariables!.values.scaled });
    }
    // After the Map: its own Assign, not what its iterations assigned.
    const done = model.runs.find((r) => r.name === "Done")!;
    expect(variablesInScope(model, done).map((v) => v.name)).toEqual(["factor", "label", "results"]);
    expect(model.status).toBe("SUCCEEDED");
  });
});
