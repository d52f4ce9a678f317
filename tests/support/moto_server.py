"""Start moto's Step Functions on 127.0.0.1:<port>, executing state machines for real.

Used by the integration tests (see moto.ts). Prints "READY <port>" once it answers, then runs
until its standard input closes, so it never outlives the test process that started it.
"""
import sys

from moto.core.config import default_user_config

default_user_config["stepfunctions"]["execute_state_machine"] = True

import moto.stepfunctions.models as legacy_models  # noqa: E402
import moto.stepfunctions.parser.backend.execution as parser_execution  # noqa: E402
import moto.stepfunctions.parser.backend.execution_worker as parser_worker  # noqa: E402
from moto.server import ThreadedMotoServer  # noqa: E402

# moto 5.2 deep-copies the state machine on every StartExecution after the first; by then it
# holds running executions, whose thread locks cannot be copied. Sharing them is harmless here.
for cls in (legacy_models.Execution, parser_execution.Execution, parser_worker.ExecutionWorker):
    cls.__deepcopy__ = lambda self, memo: self


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
