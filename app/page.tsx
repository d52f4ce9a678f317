import { StateMachineTable } from "@/components/fleet/StateMachineTable";

export default function HomePage() {
  return (
    <main className="page">
      <div className="page-header">
        <h1>Fleet</h1>
      </div>
      <StateMachineTable />
    </main>
  );
}
