const { securityHeaders } = require("./lib/security/headers.cjs");

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Lets tests and parallel builds use their own output folder without clobbering `.next`.
  distDir: process.env.STEPSCOPE_DIST_DIR || ".next",
  // The SDK and msw run only on the server (lib/sfn, instrumentation); keep them out of bundling.
  serverExternalPackages: ["@aws-sdk/client-sfn", "msw"],
  // nosniff, no referrer, no framing: see lib/security/headers.cjs. The CSP comes from proxy.ts,
  // because each page's policy carries that request's nonce.
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders() }];
  },
};

module.exports = nextConfig;
