/** The path-taken highlight is pure logic, computed in lib/postmortem. */
export { pathHighlight, type PathHighlight } from "@/lib/postmortem/path-taken";
