/**
 * Route params arrive percent-encoded (our links encode the ARN once). A malformed escape is
 * passed through as is: the API then says what is wrong with it instead of the page crashing.
 */
export function decodeArnParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
