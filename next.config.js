/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The SDK and msw run only on the server (lib/sfn, instrumentation); keep them out of bundling.
  serverExternalPackages: ["@aws-sdk/client-sfn", "msw"],
};

module.exports = nextConfig;
