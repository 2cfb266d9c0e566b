// The small part of autocannon's programmatic API the load benchmark uses (the package ships no types).
declare module 'autocannon' {
  interface Request { method?: string; path?: string; headers?: Record<string, string>; body?: string }
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    timeout?: number;
    headers?: Record<string, string>;
    amount?: number;
    /** context: one object per connection, kept across its requests. */
    requests?: { setupRequest?: (req: Request, context: Record<string, unknown>) => Request; onResponse?: (status: number, body: string, context: Record<string, unknown>) => void }[];
  }
  interface Histogram { average: number; mean: number; p50: number; p97_5: number; p99: number; max: number; min: number }
  interface Result { requests: Histogram & { total: number }; latency: Histogram; errors: number; timeouts: number; non2xx: number; '2xx': number; duration: number }
  interface Instance {
    on(event: 'response', f: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): void;
    on(event: 'reqError', f: (err: Error) => void): void;
    on(event: 'done', f: (r: Result) => void): void;
    stop(): void;
  }
  export type { Result };
  function autocannon(opts: Options, cb?: (err: Error | null, r: Result) => void): Instance;
  export default autocannon;
}
