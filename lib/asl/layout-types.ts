/** What `layoutStateGraph` returns. Coordinates are SVG user units, y grows downwards. */

export interface Point {
  x: number;
  y: number;
}

/** A rectangle by its top-left corner. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedNode extends Box {
  id: string;
  /** Rows of badges the layout kept free under the box; the drawing never uses more. */
  badgeRows: number;
}

export interface PlacedGroup extends Box {
  id: string;
}

export interface PlacedEdge {
  id: string;
  /** From the border of the source node to the border of the target node. */
  points: Point[];
  /** Where to put the edge's label, when it has one (the centre of `label`). */
  labelAt: Point;
  /** The label's box as the layout kept it free, and its text as drawn. */
  label?: Box & { text: string };
  back: boolean;
}

export interface GraphLayout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  groups: PlacedGroup[];
  edges: PlacedEdge[];
}
