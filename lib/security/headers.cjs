// Security headers for every response, shared by next.config.js, the proxy and the tests.
// Scripts: with a nonce (every page: the proxy makes one per request and Next.js puts it on
// its own inline bootstrap scripts), only scripts carrying it run, and what they load
// ('strict-dynamic'); without one (responses the proxy does not see) no inline script runs at
// all. Payloads are rendered as text, never HTML, which is what keeps injected markup inert;
// the policy is the second line.
function contentSecurityPolicy(dev, nonce) {
  const scripts = nonce ? `'self' 'nonce-${nonce}' 'strict-dynamic'` : "'self'";
  return [
    "default-src 'self'",
    // React's development build needs eval for its error overlays; production never does.
    `script-src ${scripts}${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

// Everything but the CSP, which the proxy sets per request (it carries the page's nonce).
function securityHeaders() {
  return [
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "no-referrer" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
    { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
  ];
}

module.exports = { securityHeaders, contentSecurityPolicy };
