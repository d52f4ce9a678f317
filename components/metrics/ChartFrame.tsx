"use client";
import type { ReactElement } from "react";
import { ResponsiveContainer } from "recharts";

/**
 * Gives a recharts chart its size: a fixed width when the caller knows it (and on the server,
 * where there is nothing to measure), else the container's width.
 */
export function ChartFrame({ width, height, children }: { width?: number; height: number; children: (size: { width?: number; height: number }) => ReactElement }) {
  if (width !== undefined) return children({ width, height });
  return (
    <ResponsiveContainer width="100%" height={height}>
      {children({ height })}
    </ResponsiveContainer>
  );
}
