import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

// Headers that do not depend on the request. The CSP (with its per-request nonce) is set in proxy.ts.
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  // same-origin, not no-referrer: with no-referrer a browser sends "Origin: null" on a form's POST,
  // and a form sent before the JavaScript has run would be refused as cross-site. Other sites still
  // get no referrer; pages with a secret in the address (reset, share links) set no-referrer.
  { key: 'Referrer-Policy', value: 'same-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  ...(process.env.NODE_ENV === 'production'
    ? [{ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' }]
    : []),
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // PGlite ships WebAssembly and data files that must be loaded from node_modules, not bundled.
  serverExternalPackages: ['@electric-sql/pglite', 'postgres', 'pdfkit'],
  typedRoutes: false,
  // Patient Services requests carry a file of up to 10 MB (lib/requests/vocabulary.ts): the
  // action body and the copy the proxy reads must hold it with the form's other fields.
  experimental: { serverActions: { bodySizeLimit: '12mb' }, proxyClientMaxBodySize: '12mb' },
  // Next.js logs server function arguments in development; ours carry passwords and health data.
  logging: { serverFunctions: false, incomingRequests: { ignore: [/\/api\/health/, /\/share\//] } },
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

// next-intl's request configuration: the language of each request (lib/i18n/request.ts). The
// catalogs are compiled when the portal is built, so neither the browser nor the server parses an
// ICU message at run time, and the browser is not sent the ICU parser (about 10 kB gzipped on
// every page; issue #22). Tests and scripts read the same JSON uncompiled, through the parser.
const withNextIntl = createNextIntlPlugin({
  requestConfig: './lib/i18n/request.ts',
  experimental: {
    messages: { path: './messages', format: 'json', locales: 'infer', precompile: true },
  },
});

export default withNextIntl(nextConfig);
