"use client";
import { useCallback, useRef, useState, type PointerEvent as ReactPointerEvent, type RefObject } from "react";
import type { TimeRange } from "@/lib/timeline";
import type { TimeScale } from "./time-scale";

/** Pixels the pointer must travel before a press becomes a zoom drag rather than a click. */
const DRAG_THRESHOLD_PX = 4;

export interface DragZoom {
  /** The band being dragged, in axis pixels, for drawing. */
  band?: { left: number; width: number };
  onPointerDown(event: ReactPointerEvent): void;
  onPointerMove(event: ReactPointerEvent): void;
  onPointerUp(event: ReactPointerEvent): void;
  /** Abandon a drag (the pointer left the timeline). */
  cancel(): void;
  /** True right after a drag, so the click that ends it does not also select a run. */
  wasDrag(): boolean;
}

/** Drag across the axis to zoom into the dragged range. `axisRef` is the element x=0 is measured from. */
export function useDragZoom(axisRef: RefObject<HTMLElement | null>, scale: TimeScale, onZoom: (range: TimeRange) => void): DragZoom {
  const [drag, setDrag] = useState<{ x0: number; x1: number } | undefined>();
  const dragged = useRef(false);

  const axisX = useCallback(
    (clientX: number) => {
      const rect = axisRef.current?.getBoundingClientRect();
      const x = rect ? clientX - rect.left : 0;
      return Math.min(Math.max(x, 0), scale.width);
    },
    [axisRef, scale.width],
  );

  return {
    band: drag && Math.abs(drag.x1 - drag.x0) >= DRAG_THRESHOLD_PX ? { left: Math.min(drag.x0, drag.x1), width: Math.abs(drag.x1 - drag.x0) } : undefined,
    onPointerDown(event) {
      if (event.button !== 0) return;
      const rect = axisRef.current?.getBoundingClientRect();
      if (!rect || event.clientX < rect.left) return; // a press on the names column is not a zoom
      dragged.current = false;
      const x = axisX(event.clientX);
      setDrag({ x0: x, x1: x });
    },
    onPointerMove(event) {
      if (!drag) return;
      setDrag({ x0: drag.x0, x1: axisX(event.clientX) });
    },
    onPointerUp(event) {
      if (!drag) return;
      const x1 = axisX(event.clientX);
      setDrag(undefined);
      if (Math.abs(x1 - drag.x0) < DRAG_THRESHOLD_PX) return;
      dragged.current = true;
      const a = scale.t(Math.min(drag.x0, x1));
      const b = scale.t(Math.max(drag.x0, x1));
      onZoom({ from: a, to: b });
    },
    cancel() {
      if (drag) setDrag(undefined);
    },
    wasDrag() {
      const was = dragged.current;
      dragged.current = false;
      return was;
    },
  };
}
