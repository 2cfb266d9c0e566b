// app.request() hands back the answer as the server wrote it: compress() has already brotli/gzip-encoded a large
// body when the request accepted it. A browser (or fetch over HTTP) decodes that before anyone reads it, so the
// in-process fuzz must too, or it reads a compressed 400 as "an answer without a reason" (CI run of stop 19).
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

// What compress() can choose (hono/compress: gzip or deflate; br where the runtime has it).
const DECODERS: Record<string, ((b: Buffer) => Buffer) | undefined> = {
  br: brotliDecompressSync,
  gzip: gunzipSync,
  deflate: inflateSync,
};

/** The answer as fetch would give it: body decoded by its content-encoding, that header and the length dropped. */
export async function decodedLikeFetch(res: Response): Promise<Response> {
  const encoding = res.headers.get('content-encoding')?.trim().toLowerCase();
  const decode = encoding ? DECODERS[encoding] : undefined;
  if (!decode || !res.body) return res;
  const body = decode(Buffer.from(await res.arrayBuffer()));
  const headers = new Headers(res.headers);
  headers.delete('content-encoding');
  headers.delete('content-length');
  return new Response(new Uint8Array(body), { status: res.status, statusText: res.statusText, headers });
}
