// One Content-Security-Policy for the renderer, whichever way it is served: the headless host's
// HTTP responses and Electron's app protocol both send this. It matches what the Vite build
// emits: module scripts and stylesheets from our origin, no inline script, no framing, no plugins.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
