"""Start moto's Step Functions on 127.0.0.1:<port>, executing state machines for real.

Used by the integration tests (see moto.ts). Prints "READY <port>" once it answers, then runs
until its standard input closes, so it never outlives the test process that started it.
"""
import math
import re
import sys

from moto.core.config import default_user_config

default_user_config["stepfunctions"]["execute_state_machine"] = True

import moto.stepfunctions.models as legacy_models  # noqa: E402
import moto.stepfunctions.parser.backend.execution as parser_execution  # noqa: E402
import moto.stepfunctions.parser.backend.execution_worker as parser_worker  # noqa: E402
from moto.cloudwatch.models import Statistics  # noqa: E402
from moto.core.responses import ActionResult  # noqa: E402
from moto.server import ThreadedMotoServer  # noqa: E402
from moto.stepfunctions.responses import StepFunctionResponse  # noqa: E402

# moto 5.2 deep-copies the state machine on every StartExecution after the first; by then it
# holds running executions, whose thread locks cannot be copied. Sharing them is harmless here.
for cls in (legacy_models.Execution, parser_execution.Execution, parser_worker.ExecutionWorker):
    cls.__deepcopy__ = lambda self, memo: self

# moto 5.2 creates every state machine as STANDARD and lists none with its type; keep the type
# that CreateStateMachine asked for, so Express machines can be tested.
_create_state_machine = StepFunctionResponse.create_state_machine
_list_state_machines = StepFunctionResponse.list_state_machines


def _create_keeping_type(self):  # type: ignore[no-untyped-def]
    result = _create_state_machine(self)
    machine_type = self._get_param("type") or "STANDARD"
    arn = result.result["stateMachineArn"]
    self.stepfunction_backend.describe_state_machine(arn).type = machine_type
    return result


def _list_with_type(self):  # type: ignore[no-untyped-def]
    result = _list_state_machines(self)
    for item in result.result["stateMachines"]:
        item["type"] = self.stepfunction_backend.describe_state_machine(item["stateMachineArn"]).type
    return ActionResult(result.result)


# moto 5.2's GetMetricData fails with HTTP 500 on percentile statistics (p50, p99.9…), which
# CloudWatch answers for any metric with single values: compute them nearest-rank, as CloudWatch does.
_statistic_for_type = Statistics.get_statistics_for_type


def _with_percentiles(self, stat):  # type: ignore[no-untyped-def]
    match = re.fullmatch(r"p(\d{1,2}(?:\.\d+)?|100)", stat)
    if not match:
        return _statistic_for_type(self, stat)
    values = sorted(self.metric_single_values_list)
    if not values:
        return None
    rank = max(1, math.ceil(float(match.group(1)) / 100 * len(values)))
    return values[rank - 1]


Statistics.get_statistics_for_type = _with_percentiles
StepFunctionResponse.create_state_machine = _create_keeping_type
StepFunctionResponse.list_state_machines = _list_with_type


def main() -> None:
    port = int(sys.argv[1])
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    print(f"READY {port}", flush=True)
    try:
        sys.stdin.read()
    finally:
        server.stop()


if __name__ == "__main__":
    main()
