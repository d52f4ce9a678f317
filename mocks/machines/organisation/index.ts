/**
 * What runs in each account and Region of the demo organisation. The main scope (prod,
 * us-east-1) is the full demo account; the others are smaller, so that listing every scope
 * stays quick, and each tells its own story: a healthy prod Region, a struggling staging
 * account, and a Region where the staging role is denied everything.
 */
import { DEMO_SCOPES, MAIN_DEMO_SCOPE, type DemoScope } from "../../contract";
import { DEMO_MACHINES } from "..";
import type { MachineSpec } from "../machine-spec";
import { checkoutV2 } from "./checkout-v2";
import { gdprErasure } from "./gdpr-erasure";
import { paymentSettlement } from "./payment-settlement";
import { reportBuilder } from "./report-builder";

export interface ScopeWorld {
  /** In the order ListStateMachines returns them (by name). */
  machines: readonly MachineSpec[];
  /** Every call is refused with this AccessDeniedException message (an SCP denies the Region). */
  deniedMessage?: string;
}

function worldOf(scope: DemoScope): ScopeWorld {
  switch (scope.id) {
    case MAIN_DEMO_SCOPE.id:
      return { machines: DEMO_MACHINES };
    case "prod:eu-west-1":
      return { machines: [gdprErasure(scope), paymentSettlement(scope)] };
    case "staging:us-east-1":
      return { machines: [checkoutV2(scope), reportBuilder(scope)] };
    case "staging:eu-west-1":
      return {
        machines: [],
        deniedMessage: `User: arn:aws:sts::${scope.accountId}:assumed-role/StepscopeReadOnly/stepscope is not authorized to perform: states:* on resource: arn:aws:states:${scope.region}:${scope.accountId}:* with an explicit deny in a service control policy`,
      };
    default:
      return { machines: [] };
  }
}

const WORLDS = new Map(DEMO_SCOPES.map((s) => [s.id, worldOf(s)]));

export function scopeWorld(scope: DemoScope): ScopeWorld {
  return WORLDS.get(scope.id) ?? { machines: [] };
}
