/** ListStateMachines, DescribeStateMachine, DescribeStateMachineForExecution. */
import {
  DescribeStateMachineCommand,
  type DescribeStateMachineCommandOutput,
  DescribeStateMachineForExecutionCommand,
  type DescribeStateMachineForExecutionCommandOutput,
  ListStateMachinesCommand,
  type ListStateMachinesCommandOutput,
} from "@aws-sdk/client-sfn";
import type { StateMachineDescription, StateMachineSummary } from "@/lib/contract/api";
import { noteAccountIdFromArn } from "@/lib/config/env";
import { cached, send, type SfnContext } from "./context";
import { epochMs, toStateMachineDescription, toStateMachineSummary } from "./convert";
import { TTL } from "./ttl";

/** Every state machine in the account and region, all pages. */
export function listStateMachines(ctx: SfnContext): Promise<StateMachineSummary[]> {
  return cached(ctx, "state-machines", TTL.stateMachineList, async () => {
    const all: StateMachineSummary[] = [];
    let nextToken: string | undefined;
    do {
      const out = await send<ListStateMachinesCommandOutput>(
        ctx,
        "ListStateMachines",
        new ListStateMachinesCommand({ maxResults: 1000, nextToken }),
      );
      for (const item of out.stateMachines ?? []) all.push(toStateMachineSummary(item));
      nextToken = out.nextToken;
    } while (nextToken);
    if (all[0]) noteAccountIdFromArn(all[0].arn);
    return all;
  });
}

export function describeStateMachine(ctx: SfnContext, stateMachineArn: string): Promise<StateMachineDescription> {
  return cached(ctx, `state-machine:${stateMachineArn}`, TTL.stateMachineDescription, async () =>
    toStateMachineDescription(
      await send<DescribeStateMachineCommandOutput>(
        ctx,
        "DescribeStateMachine",
        new DescribeStateMachineCommand({ stateMachineArn }),
      ),
    ),
  );
}

export interface DefinitionForExecution {
  stateMachineArn: string;
  name: string;
  definition: string;
  updatedAt?: number;
}

/** The definition an execution actually ran; it never changes, so it is kept for good. */
export function describeStateMachineForExecution(ctx: SfnContext, executionArn: string): Promise<DefinitionForExecution> {
  return cached(ctx, `definition-for:${executionArn}`, TTL.finished, async () => {
    const out = await send<DescribeStateMachineForExecutionCommandOutput>(
      ctx,
      "DescribeStateMachineForExecution",
      new DescribeStateMachineForExecutionCommand({ executionArn }),
    );
    return {
      stateMachineArn: out.stateMachineArn ?? "",
      name: out.name ?? "",
      definition: out.definition ?? "",
      updatedAt: epochMs(out.updateDate),
    };
  });
}
