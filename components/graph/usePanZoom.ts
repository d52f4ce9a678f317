"use client";
import { useCallback, useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from "react";
import type { Box } from "@/lib/asl";
import { minimapStripWidth } from "./minimap";
import { readableFit, revealBox, zoomAt, type Size, type ViewTransform } from "./viewport";

/** Movement (px) under which a press is a click, not a drag. */
const DRAG_THRESHOLD = 4;
const BUTTON_ZOOM = 1.25;

/**
 * Pan by dragging, zoom with the wheel (around the pointer) or buttons, fit to view. Only the
 * transform changes on pan and zoom; the graph itself is not laid out again. A graph too big
 * to read whole opens (and fits) at readable size around `focus`.
 */
export function usePanZoom(content: Size, focus?: Box) {
  const viewportRef = useRef<HTMLDivElement | null>(null);
  const [view, setView] = useState<Size>({ width: 0, height: 0 });
  const [transform, setTransform] = useState<ViewTransform>({ x: 0, y: 0, k: 1 });
  const drag = useRef<{ x: number; y: number; start: ViewTransform; pointer: number; moved: boolean } | null>(null);
  const lastWasDrag = useRef(false);

  useEffect(() => {
    const el = viewportRef.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(([entry]) => setView({ width: entry.contentRect.width, height: entry.contentRect.height }));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const viewKnown = view.width > 0 && view.height > 0;
  const inset = viewKnown ? minimapStripWidth(view, content) : 0;
  // Once the user has moved the view, a late focus (the overlay arriving after the definition) leaves it alone.
  const moved = useRef(false);
  useEffect(() => {
    moved.current = false;
  }, [content.width, content.height]);
  useEffect(() => {
    if (viewKnown && !moved.current) setTransform(readableFit(view, content, focus, inset));
    // Re-centre when the graph or its focus changes or the canvas first gets a size, not on every resize.
  }, [content.width, content.height, viewKnown, focus?.x, focus?.y]);

  useEffect(() => {
    const el = viewportRef.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const r = el.getBoundingClientRect();
      const factor = Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.0015));
      moved.current = true;
      setTransform((t) => zoomAt(t, factor, e.clientX - r.left, e.clientY - r.top));
    };
    el.addEventListener("wheel", onWheel, { passive: false });
    return () => el.removeEventListener("wheel", onWheel);
  }, []);

  const onPointerDown = useCallback(
    (e: ReactPointerEvent<HTMLDivElement>) => {
      if (e.button !== 0 || (e.target as Element).closest?.("button")) return;
      drag.current = { x: e.clientX, y: e.clientY, start: transform, pointer: e.pointerId, moved: false };
      lastWasDrag.current = false;
    },
    [transform],
  );
  const onPointerMove = useCallback((e: ReactPointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d) return;
    const dx = e.clientX - d.x;
    const dy = e.clientY - d.y;
    if (!d.moved && Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
    if (!d.moved) {
      d.moved = true;
      moved.current = true;
      // Captured only once it is a drag: a capture on press would steal the click from a state.
      e.currentTarget.setPointerCapture?.(d.pointer);
    }
    setTransform({ ...d.start, x: d.start.x + dx, y: d.start.y + dy });
  }, []);
  const onPointerUp = useCallback((e: ReactPointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (d?.moved) {
      lastWasDrag.current = true;
      e.currentTarget.releasePointerCapture?.(d.pointer);
    }
    drag.current = null;
  }, []);

  const wasDrag = useCallback(() => lastWasDrag.current, []);
  const centre = () => ({ x: view.width / 2, y: view.height / 2 });
  const move = (next: (t: ViewTransform) => ViewTransform) => {
    moved.current = true;
    setTransform(next);
  };
  const zoomIn = () => move((t) => zoomAt(t, BUTTON_ZOOM, centre().x, centre().y));
  const zoomOut = () => move((t) => zoomAt(t, 1 / BUTTON_ZOOM, centre().x, centre().y));
  const fit = () => move(() => readableFit(view, content, focus, inset));
  const actualSize = () => move((t) => zoomAt(t, 1 / t.k, centre().x, centre().y));
  const panBy = (dx: number, dy: number) => move((t) => ({ ...t, x: t.x + dx, y: t.y + dy }));
  const jumpTo = (t: ViewTransform) => move(() => t);
  const reveal = useCallback(
    (box: Box) => {
      if (!viewKnown) return;
      setTransform((t) => {
        const next = revealBox(view, content, t, box, inset);
        if (next) moved.current = true;
        return next ?? t;
      });
    },
    [view, content, viewKnown, inset],
  );

  return {
    viewportRef,
    transform,
    handlers: { onPointerDown, onPointerMove, onPointerUp, onPointerCancel: onPointerUp },
    zoomIn,
    zoomOut,
    fit,
    actualSize,
    panBy,
    jumpTo,
    reveal,
    view,
    /** True right after a drag ended, so the click that ends it selects nothing. */
    wasDrag,
  };
}
