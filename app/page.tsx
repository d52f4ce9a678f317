import { Suspense } from "react";
import { FleetView } from "@/components/fleet/FleetView";

export default function HomePage() {
  return (
    <main className="page">
      <div className="page-header">
        <h1>Fleet health</h1>
        <span className="muted">Which state machines are failing, since when, and how slow they are.</span>
      </div>
      <Suspense fallback={<p className="muted">Loading state machines…</p>}>
        <FleetView />
      </Suspense>
    </main>
  );
}
