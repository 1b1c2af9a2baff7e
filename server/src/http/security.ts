import helmet from 'helmet';
import type { RequestHandler } from 'express';

/** The origin of a tile URL template, as a CSP source (`https://*.tile.example.org`). */
export function tileSource(tileUrl: string): string | undefined {
  if (!tileUrl) return undefined;
  try {
    const url = new URL(tileUrl.replace(/\{s\}/g, 'subdomain'));
    return `${url.protocol}//${url.host.replace(/^subdomain\./, '*.')}`;
  } catch {
    return undefined;
  }
}

/**
 * Security headers (helmet) with a content security policy that lets the map load its
 * configured tiles and nothing else from elsewhere.
 */
export function securityHeaders(tileUrl: string): RequestHandler {
  const tiles = tileSource(tileUrl);
  return helmet({
    contentSecurityPolicy: {
      directives: {
        'img-src': ["'self'", 'data:', ...(tiles ? [tiles] : [])],
        // Leaflet positions tiles and markers with inline style attributes.
        'style-src': ["'self'", "'unsafe-inline'"],
        // Served over plain HTTP in development and tests; TLS is a deployment's job.
        'upgrade-insecure-requests': null,
      },
    },
    // The app may be reached over plain HTTP on a private network: do not pin HTTPS.
    strictTransportSecurity: false,
  });
}
