/**
 * The demo organisation: one simulated account per scope (account and Region) of DEMO_SCOPES,
 * all on one seed and one clock. Each is a pure function of (seed, time), like the single
 * account always was; the main scope is that account, unchanged.
 */
import { DEMO_SCOPES, type DemoAccountOptions, type SimulatedDemoAccount } from "../contract";
import { createDemoAccount } from "./create-demo-account";

export interface DemoOrganisation {
  /** In the order of DEMO_SCOPES: the main scope first. */
  readonly accounts: readonly SimulatedDemoAccount[];
  /** The account of a scope id ("prod:eu-west-1"); throws for an id the organisation lacks. */
  account(scopeId: string): SimulatedDemoAccount;
}

export function createDemoOrganisation(options: Omit<DemoAccountOptions, "scope"> = {}): DemoOrganisation {
  const accounts = DEMO_SCOPES.map((scope) => createDemoAccount({ ...options, scope: scope.id }));
  return {
    accounts,
    account(scopeId) {
      const found = accounts.find((a) => a.scope.id === scopeId);
      if (!found) throw new Error(`The demo organisation has no scope '${scopeId}'; its scopes are ${DEMO_SCOPES.map((s) => s.id).join(", ")}`);
      return found;
    },
  };
}
