/**
 * String comparison whose duration does not depend on where the strings differ, so a token
 * cannot be guessed one character at a time from response times. Pure (no Node APIs), so it
 * runs wherever the proxy runs.
 */
export function constantTimeEqual(given: string, expected: string): boolean {
  const a = new TextEncoder().encode(given);
  const b = new TextEncoder().encode(expected);
  // Walk the expected length whatever was given: the loop's length leaks nothing about `given`.
  let difference = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) difference |= (a[i % Math.max(a.length, 1)] ?? 0) ^ b[i];
  return difference === 0;
}
