/**
 * Links between pages keep the page's source (`source=<scope id>`): needed only when two
 * sources serve the same account and Region, harmless otherwise, and it keeps a shared link
 * on the same source. Pure.
 */
export function withSource(href: string, source: string | null | undefined): string {
  if (!source) return href;
  const hash = href.indexOf("#");
  const [path, fragment] = hash >= 0 ? [href.slice(0, hash), href.slice(hash)] : [href, ""];
  const q = path.indexOf("?");
  const params = new URLSearchParams(q >= 0 ? path.slice(q + 1) : "");
  params.set("source", source);
  return `${q >= 0 ? path.slice(0, q) : path}?${params}${fragment}`;
}
