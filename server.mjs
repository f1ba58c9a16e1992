// The production server: Next.js's own request handler behind a plain Node HTTP server, so that
// the portal knows which address a request really came from. App code sees only headers, and
// `next start` passes on whatever X-Forwarded-For the client sent; here the connection's own
// address is written into a header of ours after any copy the client sent is removed.
// lib/request-context.ts reads it (with TRUSTED_PROXY_HOPS when a proxy stands in front).
//
// Usage: node server.mjs [-p 3000] [-H 127.0.0.1]   (npm start runs this)
import { createServer, IncomingMessage } from 'node:http';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/** Must match PEER_ADDRESS_HEADER in lib/request-context.ts. */
const PEER_ADDRESS_HEADER = 'x-portal-peer-address';
/** Tells lib/request-context.ts that the header above was written here, not by the client. */
globalThis[Symbol.for('portal.peer-address-header')] = true;

/**
 * Server actions would take up to 12 MB (next.config.ts), for the pages that upload files; every
 * other body is refused over 1 MB here, with a 413 rather than the 500 Next.js gives.
 */
const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * An EHR's FHIR bundle (/api/fhir) may be several megabytes: one child's history is about one.
 * A request file is up to 10 MB, and its form's other fields and multipart framing come on top.
 * Same figure as Next's serverActions.bodySizeLimit (next.config.ts).
 */
const LARGE_BODY_LIMIT_BYTES = 12 * 1024 * 1024;

/**
 * The pages whose forms carry a file (lib/requests): the parent's "Ask for a form" and the
 * office's request page, where the completed form or records PDF is attached. Their posts
 * reach the server action with or without JavaScript (without it there is no Next-Action
 * header, only the form's $ACTION_ID_ field), so the rule is the page and the multipart type.
 */
const UPLOAD_PAGES = [
  /^\/services\/requests\/new\/form\/?$/,
  /^\/staff\/requests\/[0-9a-f-]{36}\/?$/i,
];

function bodyLimitFor(req) {
  const path = (req.url ?? '').split('?')[0];
  if (path === '/api/fhir') return LARGE_BODY_LIMIT_BYTES;
  const upload =
    req.method === 'POST' &&
    /^multipart\/form-data/i.test(req.headers['content-type'] ?? '') &&
    UPLOAD_PAGES.some((page) => page.test(path));
  return upload ? LARGE_BODY_LIMIT_BYTES : BODY_LIMIT_BYTES;
}

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

const refusals = {
  tooLarge: [413, 'That is too much to send at once. Please shorten it and try again.'],
  malformed: [400, 'Bad request: the form could not be read. Please try again.'],
};

/**
 * Bracket depth past which a form's encoded rows are refused. The portal's forms nest three
 * or four levels; React would walk a deeper reply recursively until the stack ran out (a 500).
 */
const MAX_NESTING = 64;

function nestedDeeperThan(text, limit) {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 92) i += 1;
      else if (code === 34) inString = false;
    } else if (code === 34) inString = true;
    else if (code === 91 || code === 123) {
      depth += 1;
      if (depth > limit) return true;
    } else if (code === 93 || code === 125) depth -= 1;
  }
  return false;
}

/** A row of a server action's encoded arguments: JSON of a sane depth, or a malformed request. */
function isReadableRow(text) {
  if (nestedDeeperThan(text, MAX_NESTING)) return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads a body the way Next.js will, first, so that a malformed one is a 400 here instead of a
 * 500 from inside Next's server action handler, which reports every failure to decode a body
 * (broken multipart, bad JSON, nesting that exhausts the stack, too many bytes) as a 500.
 */
async function isReadableBody(req, body) {
  const type = req.headers['content-type'] ?? '';
  if (/^multipart\/form-data/i.test(type)) {
    let form;
    try {
      form = await new Request('http://portal.invalid/', {
        method: 'POST',
        headers: { 'content-type': type },
        body,
      }).formData();
    } catch {
      return false;
    }
    // Digit-named parts are a fetch action's JSON rows; $ACTION_ parts carry a form post's
    // bound arguments (JSON, or plain ids and keys).
    for (const [name, value] of form) {
      if (typeof value !== 'string') continue;
      if (/^\d+$/.test(name) && !isReadableRow(value)) return false;
      if (name.startsWith('$ACTION') && nestedDeeperThan(value, MAX_NESTING)) return false;
    }
    return true;
  }
  if (req.headers['next-action']) return isReadableRow(body.toString('utf8'));
  return true;
}

function hasBody(req) {
  if (['GET', 'HEAD', 'OPTIONS'].includes(req.method ?? 'GET')) return false;
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * A body over the limit is still read to its end, and thrown away, before the 413 goes out: a
 * server that answers and closes while the client is still sending makes the client see a reset
 * connection instead of the answer. Past DRAIN_LIMIT_BYTES the connection is simply dropped.
 */
const DRAIN_LIMIT_BYTES = 16 * 1024 * 1024;
const TOO_LARGE = Symbol('too large');

/** The whole body, or TOO_LARGE once it passes the limit. */
function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > DRAIN_LIMIT_BYTES) req.destroy();
      else if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > limit ? TOO_LARGE : Buffer.concat(chunks)));
    req.on('error', reject);
    // A client that hangs up mid-body gets no answer; the promise must not wait for it forever.
    req.on('close', () => {
      if (!req.complete) reject(new Error('client closed the connection'));
    });
  });
}

/** The request again, with the body already read, for Next's handler to read as usual. */
function replayOf(req, body) {
  const copy = new IncomingMessage(req.socket);
  copy.method = req.method;
  copy.url = req.url;
  copy.httpVersion = req.httpVersion;
  copy.httpVersionMajor = req.httpVersionMajor;
  copy.httpVersionMinor = req.httpVersionMinor;
  copy.headers = req.headers;
  copy.rawHeaders = req.rawHeaders;
  copy.push(body);
  copy.push(null);
  copy.complete = true;
  return copy;
}

/** Only the connection's own address in the header, in headers and rawHeaders alike. */
function writePeerAddress(req) {
  delete req.headers[PEER_ADDRESS_HEADER];
  const raw = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    if (req.rawHeaders[i].toLowerCase() !== PEER_ADDRESS_HEADER)
      raw.push(req.rawHeaders[i], req.rawHeaders[i + 1]);
  }
  const peer = req.socket.remoteAddress;
  if (peer) {
    req.headers[PEER_ADDRESS_HEADER] = peer;
    raw.push(PEER_ADDRESS_HEADER, peer);
  }
  req.rawHeaders = raw;
}

async function serve(req, res) {
  writePeerAddress(req);
  if (!hasBody(req)) return handle(req, res);
  if (Number(req.headers['content-length']) > DRAIN_LIMIT_BYTES) {
    // Not worth reading to the end: answer, and drop the connection behind the answer.
    refuse(res, ...refusals.tooLarge);
    return void res.on('finish', () => req.destroy());
  }
  const body = await readBody(req, bodyLimitFor(req));
  if (body === TOO_LARGE) return refuse(res, ...refusals.tooLarge);
  if (!(await isReadableBody(req, body))) return refuse(res, ...refusals.malformed);
  return handle(replayOf(req, body), res);
}

const server = createServer((req, res) => {
  serve(req, res).catch((error) => {
    if (req.destroyed && !res.headersSent) return;
    console.error('request_failed', error instanceof Error ? error.name : 'unknown');
    if (!res.headersSent) refuse(res, 500, 'Something went wrong. Please try again.');
    else res.end();
  });
});

// "Expect: 100-continue" (curl and other tools, for larger bodies): a declared body over the
// limit is refused before the client sends it.
server.on('checkContinue', (req, res) => {
  if (Number(req.headers['content-length']) > bodyLimitFor(req)) {
    writePeerAddress(req);
    refuse(res, ...refusals.tooLarge);
    return;
  }
  res.writeContinue();
  server.emit('request', req, res);
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
