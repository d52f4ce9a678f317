/**
 * An endpoint URL as Stepscope may show it: in the source badge, /api/source, error messages
 * and logs. `AWS_ENDPOINT_URL_SFN=http://user:password@host:port/?token=…` is a credential in
 * a URL; only scheme, host, port and path are shown. Pure.
 */
export function displayEndpoint(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    // Not a URL (config validation refuses these); show nothing that could be a secret.
    return "the configured endpoint";
  }
  const path = url.pathname === "/" ? "" : url.pathname;
  return `${url.protocol}//${url.host}${path}`;
}
