/** The query language at a glance (lib/search/query.ts is the full account). */
const TERMS: [string, string][] = [
  ["order-12", "name starts with"],
  ["arn:aws:states:…", "ARN starts with"],
  ["status:failed,timed_out", "any of these statuses"],
  ["machine:orders", "state machine (name or ARN)"],
  ["error:States.Timeout  error:States.*", "error name, exact or prefix"],
  ['cause:"connection reset"', "text in the cause"],
  ["from:2026-11-01  to:2026-11-02T12:00Z", "started in this range"],
  ['input.customer.id = "c-123"', "payload field (indexed machines)"],
  ['input:acme  output:acme  payload:acme', "text in the input / output / either"],
];

export function SearchSyntax() {
  return (
    <details className="muted" style={{ margin: "0 0 8px" }}>
      <summary>Query syntax</summary>
      <table className="data" style={{ marginTop: 6 }}>
        <tbody>
          {TERMS.map(([example, meaning]) => (
            <tr key={example}>
              <td className="mono">{example}</td>
              <td>{meaning}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>Terms separated by spaces must all hold. Quote values with spaces.</p>
    </details>
  );
}
