// Raw HTTP/1.1 over a socket, for what fetch cannot send: oversized URLs and headers, malformed request lines,
// raw backslashes, broken chunked bodies, conflicting lengths, bodies cut off mid-way. The answer is read as
// bytes until the server closes the connection (every request here says Connection: close) or a timeout.
import { connect } from 'node:net';

export interface RawAnswer {
  /** 0 when the server closed without answering. */
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface RawCase {
  name: string;
  bytes: string | Buffer;
  /** Close our side right after sending (a client that goes away): no answer is expected. */
  hangUp?: boolean;
}

function parse(raw: Buffer): RawAnswer {
  const text = raw.toString('latin1');
  const end = text.indexOf('\r\n\r\n');
  const head = end < 0 ? text : text.slice(0, end);
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n').slice(1)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  let body = end < 0 ? Buffer.alloc(0) : raw.subarray(Buffer.byteLength(text.slice(0, end + 4), 'latin1'));
  if (headers['transfer-encoding']?.includes('chunked')) {
    const parts: Buffer[] = [];
    let at = 0;
    for (;;) {
      const lineEnd = body.indexOf('\r\n', at);
      if (lineEnd < 0) break;
      const size = parseInt(body.subarray(at, lineEnd).toString('latin1'), 16);
      if (!size) break;
      parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
      at = lineEnd + 2 + size + 2;
    }
    body = Buffer.concat(parts);
  }
  return { status, headers, body: body.toString('utf8') };
}

export function sendRaw(host: string, port: number, c: RawCase, timeoutMs = 10_000): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect({ host, port });
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(parse(Buffer.concat(chunks)));
    };
    const timer = setTimeout(done, timeoutMs);
    socket.on('data', (d) => chunks.push(d));
    socket.on('end', done);
    socket.on('close', done);
    socket.on('error', done);
    socket.write(c.bytes, () => {
      if (c.hangUp) socket.destroy();
    });
  });
}

const LONG = 'a'.repeat(20_000);
const GET = (target: string, extra = '') => `GET ${target} HTTP/1.1\r\nHost: localhost\r\n${extra}Connection: close\r\n\r\n`;
const POST = (target: string, headers: string, body: string) => `POST ${target} HTTP/1.1\r\nHost: localhost\r\nOrigin: http://localhost\r\n${headers}Connection: close\r\n\r\n${body}`;

/** The cases only Node's HTTP layer sees (`cookie` signs the ones that should reach the app as a user). */
export function nodeLevelCases(cookie: string): RawCase[] {
  const c = `Cookie: ${cookie}\r\n`;
  return [
    { name: 'URL over 16 KB', bytes: GET(`/api/incidents/heat?zoom=10&categories=${LONG}`, c) },
    { name: 'one header over 16 KB', bytes: GET('/api/health', `X-Long: ${LONG}\r\n`) },
    { name: '2000 headers', bytes: GET('/api/health', Array.from({ length: 2000 }, (_, i) => `X-H${i}: ${i}\r\n`).join('')) },
    { name: 'raw backslash in the path', bytes: GET('/api\\health') },
    { name: 'raw backslash after /api/', bytes: GET('/api/incidents\\..\\..\\etc\\passwd', c) },
    { name: 'not HTTP', bytes: 'HELLO WORLD\r\n\r\n' },
    { name: 'unknown method', bytes: `BREW /api/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n` },
    { name: 'HTTP/2 preface on HTTP/1.1', bytes: 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n' },
    { name: 'asterisk target', bytes: GET('*') },
    { name: 'absolute-form target', bytes: GET('http://evil.example/api/health') },
    { name: 'no Host (HTTP/1.1)', bytes: 'GET /api/health HTTP/1.1\r\nConnection: close\r\n\r\n' },
    { name: 'two Hosts', bytes: GET('/api/health', 'Host: evil.example\r\n') },
    { name: 'HTTP/1.0 without Host', bytes: 'GET /api/health HTTP/1.0\r\n\r\n' },
    { name: 'NUL in a header value', bytes: GET('/api/health', 'X-A: b\u0000c\r\n') },
    { name: 'space before the colon', bytes: GET('/api/health', 'X-A : b\r\n') },
    { name: 'bytes over 0x7f in the path', bytes: Buffer.concat([Buffer.from('GET /api/'), Buffer.from([0xff, 0xfe, 0x80]), Buffer.from(' HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n')]) },
    { name: 'broken percent escape', bytes: GET('/api/cases/%ZZ', c) },
    { name: 'encoded slash and dots', bytes: GET('/api/%2e%2e/%2e%2e/etc/passwd', c) },
    { name: 'double slashes', bytes: GET('//api//health') },
    { name: 'fragment in the target', bytes: GET('/api/health#x') },
    { name: 'Content-Length and Transfer-Encoding', bytes: POST('/api/reports', `${c}Content-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n`, '0\r\n\r\n') },
    { name: 'two Content-Lengths', bytes: POST('/api/reports', `${c}Content-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3\r\n`, '{}') },
    { name: 'negative Content-Length', bytes: POST('/api/reports', `${c}Content-Type: application/json\r\nContent-Length: -1\r\n`, '{}') },
    { name: 'invalid chunk size', bytes: POST('/api/reports', `${c}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n`, 'ZZ\r\n{}\r\n0\r\n\r\n') },
    { name: 'chunked body that never ends', bytes: POST('/api/coverage/whatif', `${c}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n`, '2\r\n{}\r\n'), hangUp: true },
    { name: 'body shorter than its Content-Length, then gone', bytes: POST('/api/patrol/route', `${c}Content-Type: application/json\r\nContent-Length: 500\r\n`, '{"stationId":'), hangUp: true },
    { name: 'declared 100 GB body', bytes: POST('/api/reports', `${c}Content-Type: application/json\r\nContent-Length: 100000000000\r\n`, '{}') },
    { name: 'chunked body over the JSON limit', bytes: POST('/api/coverage/whatif', `${c}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n`, `100000\r\n${'x'.repeat(0x100000)}\r\n100000\r\n${'x'.repeat(0x100000)}\r\n0\r\n\r\n`) },
    { name: 'Expect: 100-continue on a write', bytes: POST('/api/reports', `${c}Content-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: 2\r\n`, '{}') },
    { name: 'gzip Content-Encoding that is not gzip', bytes: POST('/api/coverage/whatif', `${c}Content-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: 2\r\n`, '{}') },
  ];
}
