/**
 * A page opened for one scope (`?source=prod:eu-west-1`) asks the API about its ARNs for that
 * scope too: the API needs it only when two sources serve the same account and Region, and it
 * is given only for ARNs of the scope's Region, so a page that also shows another scope's ARN
 * (a comparison) does not send that one to the wrong scope. Pure.
 */
import { parseStatesArn } from "@/lib/format/arn";
import { withSource } from "./scope-links";

const ARN_ROUTE = /^\/api\/(?:executions|state-machines|map-runs)\/([^/?#]+)/;

export function withPageSource(path: string, pageSource: string | null | undefined): string {
  if (!pageSource || /[?&]source=/.test(path)) return path;
  const m = ARN_ROUTE.exec(path);
  if (!m) return path;
  let arn: string;
  try {
    arn = decodeURIComponent(m[1]);
  } catch {
    return path;
  }
  const region = pageSource.slice(pageSource.indexOf(":") + 1);
  return parseStatesArn(arn)?.region === region ? withSource(path, pageSource) : path;
}
