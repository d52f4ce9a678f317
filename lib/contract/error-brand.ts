/**
 * `instanceof` for an error class by a process-wide brand rather than by class identity.
 *
 * Under `next start` the instrumentation hook and each route are bundled apart, each with its own
 * copy of a module: a long-lived service started by the hook throws its copy of SfnError, and a
 * route's `instanceof SfnError` against the route's copy said no (the fleet page showed
 * "unexpected error" for an endpoint that was simply down). A brand registered with Symbol.for
 * is the same in every copy.
 */
export interface ErrorBrand {
  /** Marks an instance; call in the constructor. */
  mark(error: Error): void;
  /** Whether a value was marked by any copy of the class. */
  has(value: unknown): boolean;
}

export function errorBrand(className: string): ErrorBrand {
  const brand = Symbol.for(`stepscope.error.${className}`);
  return {
    mark: (error) => Object.defineProperty(error, brand, { value: true }),
    has: (value) => typeof value === "object" && value !== null && (value as { [brand]?: unknown })[brand] === true,
  };
}
