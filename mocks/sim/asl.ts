/** The slice of the Amazon States Language (JSONPath flavour) that the demo machines use. */
import type { Json } from "./jsonpath";

export interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: "FULL" | "NONE";
}

export interface Catcher {
  ErrorEquals: string[];
  ResultPath?: string | null;
  Next: string;
}

export interface ChoiceRule {
  Variable?: string;
  StringEquals?: string;
  NumericGreaterThan?: number;
  NumericGreaterThanEquals?: number;
  NumericLessThan?: number;
  BooleanEquals?: boolean;
  IsPresent?: boolean;
  And?: ChoiceRule[];
  Or?: ChoiceRule[];
  Not?: ChoiceRule;
  Next?: string;
}

export interface ProcessorConfig {
  Mode?: "INLINE" | "DISTRIBUTED";
  ExecutionType?: "STANDARD" | "EXPRESS";
}

export interface AslState {
  Type: "Task" | "Pass" | "Choice" | "Wait" | "Succeed" | "Fail" | "Parallel" | "Map";
  Comment?: string;
  Next?: string;
  End?: boolean;
  InputPath?: string | null;
  OutputPath?: string | null;
  ResultPath?: string | null;
  Parameters?: Json;
  ResultSelector?: Json;
  Result?: Json;
  Resource?: string;
  TimeoutSeconds?: number;
  HeartbeatSeconds?: number;
  Retry?: Retrier[];
  Catch?: Catcher[];
  Choices?: ChoiceRule[];
  Default?: string;
  Seconds?: number;
  Error?: string;
  Cause?: string;
  Branches?: AslMachine[];
  ItemsPath?: string;
  ItemSelector?: Json;
  ItemProcessor?: AslMachine & { ProcessorConfig?: ProcessorConfig };
  MaxConcurrency?: number;
  ToleratedFailurePercentage?: number;
  Label?: string;
}

export interface AslMachine {
  Comment?: string;
  StartAt: string;
  States: Record<string, AslState>;
  TimeoutSeconds?: number;
}
