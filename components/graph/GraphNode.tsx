import { memo, type KeyboardEvent } from "react";
import { formatDuration, formatStateDuration } from "@/lib/format/duration";
import { visibleText } from "@/lib/security/visible-text";
import { CONTAINER_HEADER, DETAIL_CHAR_WIDTH, NAME_CHAR_WIDTH, MARKS_WIDTH, NAME_LEFT, NAME_RIGHT, detailLine, hasMarks, type PlacedNode, type StateNode, type StateOverlay } from "@/lib/asl";
import { placeBadges, type BadgeContent, type BadgeKind } from "@/lib/asl/badges";
import { fitText } from "./svg-text";
import { FONT, INK, OUTCOMES, RETRY_LOOK, TYPE_GLYPHS } from "./theme";

interface Props {
  node: StateNode;
  box: PlacedNode;
  overlay?: StateOverlay;
  /** True when an overlay is shown and this node is off the execution's path. */
  dimmed: boolean;
  selected: boolean;
  onSelect?: (name: string) => void;
}

/** One state (or a scope's Start/End) with its type, outcome icon and badges. */
export const GraphNode = memo(function GraphNode({ node, box, overlay, dimmed, selected, onSelect }: Props) {
  if (node.kind !== "state") return <Terminal node={node} box={box} dimmed={dimmed} />;
  const outcome = overlay?.status ? OUTCOMES[overlay.status] : undefined;
  const container = (node.groups?.length ?? 0) > 0;
  const stroke = selected ? INK.selected : outcome?.color ?? INK.border;
  const fill = container ? INK.containerFill : outcome?.tint ?? INK.nodeFill;
  const textWidth = box.width - NAME_LEFT - NAME_RIGHT;
  const detail = detailLine(node);
  const headerHeight = container ? CONTAINER_HEADER : box.height;
  const select = () => onSelect?.(node.id);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      select();
    }
  };
  const describe = [node.name, node.type, outcome?.label, overlay?.durationMs !== undefined ? `${overlay.durationIsMax ? "longest run " : ""}${formatDuration(overlay.durationMs)}` : "", overlay?.retries ? `${overlay.retries} retries` : "", overlay?.caughtBy ? `caught by ${overlay.caughtBy}` : ""]
    .filter(Boolean)
    .join(", ");

  return (
    <g
      transform={`translate(${box.x},${box.y})`}
      data-state={node.id}
      data-status={overlay?.status}
      role="button"
      tabIndex={0}
      aria-label={describe}
      aria-pressed={selected}
      onClick={select}
      onKeyDown={onKeyDown}
      style={{ cursor: onSelect ? "pointer" : "default", opacity: dimmed ? 0.45 : 1, outline: "none" }}
    >
      <title>{tooltip(node)}</title>
      {overlay?.emphasis && (
        <rect x={-5} y={-5} width={box.width + 10} height={box.height + 10} rx={9} fill="none" stroke={outcome?.color ?? INK.text} strokeWidth={2} strokeDasharray="5 3" />
      )}
      <rect
        width={box.width}
        height={box.height}
        rx={6}
        fill={fill}
        stroke={stroke}
        strokeWidth={selected || overlay?.emphasis ? 2.5 : 1.2}
        strokeDasharray={overlay?.status === "not_reached" ? "4 3" : undefined}
      />
      {outcome && !container && <rect width={4} height={box.height} rx={2} fill={outcome.color} />}
      <text x={12} y={19} fontFamily={FONT} fontSize={12} fill={INK.muted} aria-hidden>
        {node.type ? TYPE_GLYPHS[node.type] : ""}
      </text>
      <text x={NAME_LEFT} y={19} fontFamily={FONT} fontSize={12} fontWeight={600} fill={dimmed ? INK.muted : INK.text}>
        {fitText(visibleText(node.name), textWidth, NAME_CHAR_WIDTH)}
      </text>
      <text x={NAME_LEFT} y={35} fontFamily={FONT} fontSize={11} fill={INK.muted}>
        {fitText(detail, box.width - NAME_LEFT - 8 - (hasMarks(node) ? MARKS_WIDTH : 0), DETAIL_CHAR_WIDTH)}
      </text>
      {node.assigns?.length ? (
        <text x={box.width - 10} y={35} textAnchor="end" fontFamily={FONT} fontSize={10} fill={INK.faint}>
          {`${node.queryLanguage === "JSONata" ? "{%} " : ""}≔${node.assigns.length}`}
        </text>
      ) : node.queryLanguage === "JSONata" ? (
        <text x={box.width - 10} y={35} textAnchor="end" fontFamily={FONT} fontSize={10} fill={INK.faint}>
          {"{%}"}
        </text>
      ) : null}
      {outcome && <OutcomeIcon x={box.width - 14} y={headerHeight > 30 ? 16 : box.height / 2} look={outcome} />}
      <Badges node={node} box={box} overlay={overlay} />
    </g>
  );
});

function OutcomeIcon({ x, y, look }: { x: number; y: number; look: { icon: string; color: string; label: string } }) {
  return (
    <g transform={`translate(${x},${y})`}>
      <circle r={8} fill={look.color} />
      <text textAnchor="middle" dy={4} fontFamily={FONT} fontSize={10} fontWeight={700} fill="#fff">
        {look.icon}
      </text>
    </g>
  );
}

/**
 * Pills hanging from the node's bottom edge: duration, retries, catch, counts. They flow into
 * the rows the layout kept free under the state (see lib/asl/badges.ts), so no edge label lands
 * on them; the state's tooltip and accessible name carry their full text.
 */
function Badges({ node, box, overlay }: { node: StateNode; box: PlacedNode; overlay?: StateOverlay }) {
  if (!overlay) return null;
  const contents: BadgeContent[] = [];
  if (overlay.durationMs !== undefined) contents.push({ kind: "duration", text: formatStateDuration(overlay.durationMs, overlay.durationIsMax) });
  if (overlay.retries && overlay.retries > 0) contents.push({ kind: "retries", text: `${RETRY_LOOK.icon} ×${overlay.retries} ${overlay.retries === 1 ? "retry" : "retries"}` });
  if (overlay.caughtBy) contents.push({ kind: "caught", text: `${OUTCOMES.caught.icon} caught → ${overlay.caughtBy}` });
  if (overlay.count !== undefined) contents.push({ kind: "count", text: `${overlay.count}` });
  if (overlay.failures !== undefined && overlay.failures > 0) contents.push({ kind: "failures", text: `${OUTCOMES.failed.icon} ${overlay.failures}` });
  const pills = placeBadges(contents, box.width, box.height, box.badgeRows);
  if (pills.length === 0) return null;
  const colors: Record<BadgeKind, string> = { duration: INK.muted, retries: RETRY_LOOK.color, caught: OUTCOMES.caught.color, count: INK.muted, failures: OUTCOMES.failed.color };
  return (
    <g data-badges={node.id}>
      {pills.map((p) => (
        <g key={p.kind} transform={`translate(${p.x},${p.y})`}>
          <rect width={p.width} height={p.height} rx={p.height / 2} fill="#fff" stroke={colors[p.kind]} />
          <text x={5} y={11} fontFamily={FONT} fontSize={10} fontWeight={600} fill={colors[p.kind]}>
            {p.text}
          </text>
        </g>
      ))}
    </g>
  );
}

function Terminal({ node, box, dimmed }: { node: StateNode; box: PlacedNode; dimmed: boolean }) {
  return (
    <g transform={`translate(${box.x},${box.y})`} data-terminal={node.kind} style={{ opacity: dimmed ? 0.45 : 1 }}>
      <rect width={box.width} height={box.height} rx={box.height / 2} fill={node.kind === "start" ? "#fff" : INK.text} stroke={INK.text} />
      <text x={box.width / 2} y={box.height / 2 + 4} textAnchor="middle" fontFamily={FONT} fontSize={11} fontWeight={600} fill={node.kind === "start" ? INK.text : "#fff"}>
        {visibleText(node.name)}
      </text>
    </g>
  );
}

function tooltip(node: StateNode): string {
  return [
    node.name,
    detailLine(node),
    node.resourceArn,
    node.queryLanguage ? `Query language: ${node.queryLanguage}` : "",
    node.assigns?.length ? `Assigns: ${node.assigns.join(", ")}` : "",
    node.comment,
  ]
    .filter(Boolean)
    .join("\n");
}
