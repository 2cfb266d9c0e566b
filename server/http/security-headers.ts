// Security headers on every answer (hono/secure-headers): a Content-Security-Policy that runs only the
// dashboard's own scripts (index.html and phone.html load one module each; the built client has no inline
// script), X-Content-Type-Options nosniff, Referrer-Policy no-referrer, and no framing by other sites.
// What MapLibre needs: its worker is made from a blob: URL, map images and markers come as data:/blob:.
// Styles allow 'unsafe-inline' because the printable patrol route card (client/views/patrol/route-card.ts) is
// written into a new window with a <style> block, and a window opened that way inherits this policy; scripts
// never do.
import { secureHeaders } from 'hono/secure-headers';

export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  workerSrc: ["'self'", 'blob:'],
  childSrc: ["'self'", 'blob:'],
  imgSrc: ["'self'", 'data:', 'blob:'],
  styleSrc: ["'self'", "'unsafe-inline'"],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'", 'data:', 'blob:'],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

export const securityHeaders = () =>
  secureHeaders({
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    xContentTypeOptions: 'nosniff',
    // The dashboard is served over a LAN, often as plain http: HSTS would lock a county out of its own server.
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  });
