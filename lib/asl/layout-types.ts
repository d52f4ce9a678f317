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
}

export interface PlacedGroup extends Box {
  id: string;
}

export interface PlacedEdge {
  id: string;
  /** From the border of the source node to the border of the target node. */
  points: Point[];
  /** Where to put the edge's label, when it has one. */
  labelAt: Point;
  back: boolean;
}

export interface GraphLayout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  groups: PlacedGroup[];
  edges: PlacedEdge[];
}
