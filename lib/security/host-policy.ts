/**
 * Which Host Stepscope answers for, and what a request's own origin is.
 *
 * A page on attacker.example can re-point its DNS name at 127.0.0.1 (DNS rebinding) and then
 * read Stepscope as "same origin": the only thing that still gives it away is the Host header,
 * which a browser always sets to the name in the address bar and a script cannot change. So
 * only our own names are served: the bind address, localhost, 127.0.0.1, [::1], and the names an
 * operator lists in STEPSCOPE_ALLOWED_HOSTS.
 *
 * X-Forwarded-Host and X-Forwarded-Proto are ordinary headers a rebinding page *can* send, so
 * they are read only for requests that come through the proxy the operator names in
 * STEPSCOPE_TRUSTED_PROXY: the host[:port] the proxy connects to (its upstream address, as it
 * sends it in Host, e.g. 127.0.0.1:3000). Even then the forwarded host must be an allowed name.
 *
 * Pure: pass the environment and the request's headers.
 */
import { ConfigError } from "@/lib/config/env";

export interface HostPolicy {
  /** Lower-case host names (IPv6 in brackets), each with the port it must come with, or any. */
  allowed: { hostname: string; port?: string }[];
  /** Host values (lower-case host[:port]) by which the trusted reverse proxy reaches us. */
  trustedProxies: string[];
}

export interface RequestOrigin {
  scheme: "http" | "https";
  hostname: string;
  /** Always explicit: 80/443 when the header left it out. */
  port: string;
}

const LOOPBACK = ["localhost", "127.0.0.1", "[::1]"];
/** A host name or IPv4 literal, or a bracketed IPv6 literal, with an optional port. */
const HOST = /^(\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*)(?::(\d{1,5}))?$/;
const WILDCARD_BINDS = new Set(["0.0.0.0", "::", "[::]"]);

/** `Example.COM:3000` → { hostname: "example.com", port: "3000" }, or undefined when it is not a host. */
export function parseHost(value: string): { hostname: string; port?: string } | undefined {
  const m = HOST.exec(value.trim().toLowerCase());
  if (!m) return undefined;
  return { hostname: m[1], port: m[2] };
}

function bindHostname(bind: string | undefined): string | undefined {
  const value = (bind ?? "").trim().toLowerCase();
  if (!value || WILDCARD_BINDS.has(value)) return undefined;
  // A bare IPv6 address as given to -H.
  return value.includes(":") && !value.startsWith("[") ? `[${value}]` : value;
}

function list(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Reads STEPSCOPE_HOST, STEPSCOPE_ALLOWED_HOSTS and STEPSCOPE_TRUSTED_PROXY; a ConfigError names each bad entry. */
export function parseHostPolicy(env: Record<string, string | undefined>): HostPolicy {
  const problems: string[] = [];
  const allowed: HostPolicy["allowed"] = LOOPBACK.map((hostname) => ({ hostname }));
  const bind = bindHostname(env.STEPSCOPE_HOST);
  if (bind) allowed.push({ hostname: bind });
  for (const entry of list(env.STEPSCOPE_ALLOWED_HOSTS)) {
    const host = parseHost(entry);
    if (host) allowed.push(host);
    else problems.push(`STEPSCOPE_ALLOWED_HOSTS: "${entry.slice(0, 80)}" is not a host name (give names like stepscope.internal or stepscope.internal:8443, comma-separated)`);
  }
  const trustedProxies: string[] = [];
  for (const entry of list(env.STEPSCOPE_TRUSTED_PROXY)) {
    const host = parseHost(entry);
    if (host) trustedProxies.push(host.port ? `${host.hostname}:${host.port}` : host.hostname);
    else problems.push(`STEPSCOPE_TRUSTED_PROXY: "${entry.slice(0, 80)}" is not a host[:port] (give the address the proxy connects to, e.g. 127.0.0.1:3000)`);
  }
  if (problems.length) throw new ConfigError(`Stepscope cannot start with this environment:\n${problems.map((p) => `- ${p}`).join("\n")}`);
  return { allowed, trustedProxies };
}

export function isAllowedHost(policy: HostPolicy, host: { hostname: string; port?: string }): boolean {
  return policy.allowed.some((a) => a.hostname === host.hostname && (a.port === undefined || a.port === host.port));
}

export interface OriginHeaders {
  host: string | null;
  forwardedHost: string | null;
  forwardedProto: string | null;
}

export type OriginDecision = { ok: true; origin: RequestOrigin } | { ok: false; message: string };

const REFUSED =
  "This Stepscope does not answer for that host name. If you reach it by another name, start it with that name in STEPSCOPE_ALLOWED_HOSTS.";

/**
 * The origin this request was made to, if it is one of ours. `scheme` is what the connection
 * itself used (http unless Stepscope terminates TLS).
 */
export function resolveRequestOrigin(policy: HostPolicy, headers: OriginHeaders, scheme: "http" | "https"): OriginDecision {
  const host = headers.host ? parseHost(headers.host) : undefined;
  if (!host || !isAllowedHost(policy, host)) return { ok: false, message: REFUSED };
  const hostValue = host.port ? `${host.hostname}:${host.port}` : host.hostname;
  let publicHost = host;
  let publicScheme = scheme;
  if (policy.trustedProxies.includes(hostValue)) {
    // The first entry is the one the client sent to the outermost proxy.
    const forwarded = headers.forwardedHost?.split(",")[0]?.trim();
    if (forwarded) {
      const parsed = parseHost(forwarded);
      if (!parsed || !isAllowedHost(policy, parsed)) return { ok: false, message: REFUSED };
      publicHost = parsed;
    }
    const proto = headers.forwardedProto?.split(",")[0]?.trim().toLowerCase();
    if (proto === "https" || proto === "http") publicScheme = proto;
  }
  return {
    ok: true,
    origin: { scheme: publicScheme, hostname: publicHost.hostname, port: publicHost.port ?? (publicScheme === "https" ? "443" : "80") },
  };
}

/** Whether an Origin header names exactly this origin: scheme, host and port. */
export function isSameOrigin(originHeader: string, origin: RequestOrigin): boolean {
  let url: URL;
  try {
    url = new URL(originHeader);
  } catch {
    return false;
  }
  const scheme = url.protocol.replace(/:$/, "");
  const port = url.port || (scheme === "https" ? "443" : scheme === "http" ? "80" : "");
  return scheme === origin.scheme && url.hostname.toLowerCase() === origin.hostname && port === origin.port;
}
