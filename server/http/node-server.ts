// The Node HTTP server of the app: @hono/node-server's request listener on node:http, with the two answers that
// are given before the app runs in the same error schema as every other (http/errors.ts), not with an empty body:
// a request Node's parser refuses (`clientError`: 431 for a URL or headers over Node's 16 KB limit, 400 for other
// malformed requests), an HTTP/1.1 request without Host (400), and one the listener cannot turn into a Request
// (a raw `\` in the path, a bad Host: 400).
import { getRequestListener } from '@hono/node-server';
import { createServer, STATUS_CODES, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorJson } from './errors.js';

const JSON_TYPE = 'application/json; charset=utf-8';

/** What Node's parser refused, as a status and a message in both languages. */
function parserRefusal(code: string | undefined): { status: number; en: string; zh: string } {
  if (code === 'HPE_HEADER_OVERFLOW')
    return { status: 431, en: 'The URL or the request headers are over 16 KB: send fewer or shorter parameters (a long list belongs in a POST body).', zh: '网址或请求头超过 16 KB：请减少或缩短参数（长列表请用 POST 请求体）。' };
  return { status: 400, en: `The request is not valid HTTP (${code ?? 'parse error'}).`, zh: `请求不是有效的 HTTP（${code ?? '解析错误'}）。` };
}

export function startServer(fetch: (req: Request) => Response | Promise<Response>, options: { port: number; hostname?: string }, onListen?: (info: AddressInfo) => void): Server {
  const listener = getRequestListener(fetch, {
    hostname: options.hostname,
    // Called when the listener cannot make a Request of what Node parsed (RequestError): a `\` in the path,
    // a missing or invalid Host. The app's own errors never get here (app.ts onError answers them).
    errorHandler: (err) => {
      const request = (err as Error)?.name === 'RequestError';
      const message = (err as Error)?.message ?? String(err);
      if (!request) console.error(err);
      const body = request
        ? errorJson(400, `The request cannot be read: ${message}. Encode a backslash in a path as %5C.`, `无法解析该请求：${message}。路径中的反斜杠请写作 %5C。`)
        : errorJson(500, 'Internal error; the server log has the details.', '服务器内部错误，详情见服务器日志。');
      return new Response(body, { status: request ? 400 : 500, headers: { 'content-type': JSON_TYPE, 'x-content-type-options': 'nosniff' } });
    },
  });
  // Node answers an HTTP/1.1 request without Host with a bare 400 of its own (requireHostHeader); it is refused
  // here instead, in the error schema.
  const server = createServer({ requireHostHeader: false }, (req, res) => {
    if (req.httpVersion === '1.1' && !req.headers.host) {
      const body = errorJson(400, 'An HTTP/1.1 request needs a Host header.', 'HTTP/1.1 请求必须带 Host 请求头。');
      res.writeHead(400, { 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(body), 'x-content-type-options': 'nosniff', connection: 'close' });
      return res.end(body);
    }
    return listener(req, res);
  });
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable) return socket.destroy();
    const { status, en, zh } = parserRefusal(err.code);
    const body = errorJson(status, en, zh);
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${JSON_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
    );
  });
  server.listen(options.port, options.hostname, () => onListen?.(server.address() as AddressInfo));
  return server;
}
