// The production server: Next.js's own request handler behind a plain Node HTTP server, so that
// the portal knows which address a request really came from. App code sees only headers, and
// `next start` passes on whatever X-Forwarded-For the client sent; here the connection's own
// address is written into a header of ours after any copy the client sent is removed.
// lib/request-context.ts reads it (with TRUSTED_PROXY_HOPS when a proxy stands in front).
//
// Usage: node server.mjs [-p 3000] [-H 127.0.0.1]   (npm start runs this)
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/** Must match PEER_ADDRESS_HEADER in lib/request-context.ts. */
const PEER_ADDRESS_HEADER = 'x-portal-peer-address';
/** Tells lib/request-context.ts that the header above was written here, not by the client. */
globalThis[Symbol.for('portal.peer-address-header')] = true;

/**
 * Server actions refuse bodies over 1 MB themselves, but report it as a 500; the front door
 * answers 413 before Next.js reads a byte. Same figure as Next's serverActions.bodySizeLimit.
 */
const BODY_LIMIT_BYTES = 1024 * 1024;

const { values } = parseArgs({
  options: {
    port: { type: 'string', short: 'p' },
    hostname: { type: 'string', short: 'H' },
  },
});
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname;
process.env.NODE_ENV ??= 'production';

const { default: next } = await import('next');
const app = next({
  dev: false,
  dir: fileURLToPath(new URL('.', import.meta.url)),
  hostname: hostname ?? 'localhost',
  port,
});
const handle = app.getRequestHandler();
await app.prepare();

function refuse(res, status, text) {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    Connection: 'close',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}

/** A body the portal reads must say how long it is; the rest of a refused body is not read. */
function bodyRefusal(req) {
  if (req.method === 'GET' || req.method === 'HEAD') return null;
  const length = req.headers['content-length'];
  if (length === undefined) {
    return req.headers['transfer-encoding']
      ? [411, 'Please send the form again: its length was missing.']
      : null;
  }
  if (!/^\d+$/.test(length)) return [400, 'Bad request: the length of the form is not a number.'];
  if (Number(length) > BODY_LIMIT_BYTES)
    return [413, 'That is too much to send at once. Please shorten it and try again.'];
  return null;
}

const server = createServer((req, res) => {
  delete req.headers[PEER_ADDRESS_HEADER];
  const peer = req.socket.remoteAddress;
  if (peer) req.headers[PEER_ADDRESS_HEADER] = peer;

  const refusal = bodyRefusal(req);
  if (refusal) {
    refuse(res, ...refusal);
    return;
  }
  handle(req, res).catch((error) => {
    console.error('request_failed', error instanceof Error ? error.name : 'unknown');
    if (!res.headersSent) refuse(res, 500, 'Something went wrong. Please try again.');
    else res.end();
  });
});

server.listen(port, hostname, () => {
  console.log(`Portal ready on http://${hostname ?? 'localhost'}:${port}`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    // Keep-alive connections would hold close() open; a few seconds is enough for replies in flight.
    setTimeout(() => process.exit(0), 5000).unref();
    server.closeIdleConnections?.();
  });
}
