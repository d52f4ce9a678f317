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
  /** JSONata: the state's output and variables after the error (`$states.errorOutput`). */
  Output?: Json;
  Assign?: { [name: string]: Json };
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
  /** JSONata: `{% expr %}` that evaluates to a boolean. */
  Condition?: string;
  Output?: Json;
  Assign?: { [name: string]: Json };
  Next?: string;
}

export interface ProcessorConfig {
  Mode?: "INLINE" | "DISTRIBUTED";
  ExecutionType?: "STANDARD" | "EXPRESS";
}

export type QueryLanguage = "JSONPath" | "JSONata";

export interface AslState {
  Type: "Task" | "Pass" | "Choice" | "Wait" | "Succeed" | "Fail" | "Parallel" | "Map";
  Comment?: string;
  QueryLanguage?: QueryLanguage;
  /** JSONata: the task's input (Parameters in JSONPath). */
  Arguments?: Json;
  /** JSONata: the state's output (`$states.input` by default, `$states.result` for a Task). */
  Output?: Json;
  /** Workflow variables set when the state ends (JSONPath and JSONata alike). */
  Assign?: { [name: string]: Json };
  /** JSONata: the array a Map iterates over. */
  Items?: Json;
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
  /** A number, or in JSONata a `{% expr %}` that evaluates to one. */
  Seconds?: number | string;
  Error?: string;
  Cause?: string;
  Branches?: AslMachine[];
  ItemsPath?: string;
  ItemSelector?: Json;
  ItemProcessor?: AslMachine & { ProcessorConfig?: ProcessorConfig };
  /** The legacy name of ItemProcessor; read through processorOf. */
  Iterator?: AslMachine & { ProcessorConfig?: ProcessorConfig };
  MaxConcurrency?: number;
  ToleratedFailurePercentage?: number;
  ToleratedFailureCount?: number;
  Label?: string;
}

export interface AslMachine {
  Comment?: string;
  QueryLanguage?: QueryLanguage;
  StartAt: string;
  States: Record<string, AslState>;
  TimeoutSeconds?: number;
}
