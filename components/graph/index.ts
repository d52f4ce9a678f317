export { StateGraph, type StateGraphProps } from "./StateGraph";
export { AslProblems } from "./AslProblems";
export { OUTCOMES, TYPE_GLYPHS } from "./theme";
