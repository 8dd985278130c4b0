// Raw sockets on both sides of the relay, for the tests of what a hostile or broken upstream (in
// Kalshi's place, through --upstream) or a local program can do to it. An HTTP library would
// refuse to send most of these bytes, and would hide what the other side really did.
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/** One connection the relay opened to the raw upstream. */
export interface UpstreamConnection {
  socket: Socket;
  /** Every byte received so far (latin1). */
  received: string;
  /** Resolves when the relay closed or reset the connection. */
  closed: Promise<void>;
  /** Whether the relay closed it. */
  isClosed(): boolean;
}

/** Called once for each whole request (head and Content-Length body) on a connection. */
export type RawAnswer = (connection: UpstreamConnection, request: string) => void;

export interface RawUpstream {
  /** What --upstream takes, e.g. http://127.0.0.1:40123 */
  url: string;
  /** Every connection the relay opened, in order. */
  connections: UpstreamConnection[];
  /** Requests received whole, in order. */
  requests: string[];
  /** Connections open now, and the most that were open at once. */
  open(): number;
  maxOpen(): number;
  /** How the next requests are answered: write any bytes to `connection.socket`, or nothing. */
  answer(with_: RawAnswer): void;
  close(): Promise<void>;
}

/** Bytes the upstream writes for an ordinary JSON 200 answer. */
export const OK_ANSWER =
  'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{"ok":true}';

/** A `net` server on 127.0.0.1 that answers each request with whatever the test gives it. */
export async function startRawUpstream(): Promise<RawUpstream> {
  const connections: UpstreamConnection[] = [];
  const requests: string[] = [];
  let answer: RawAnswer = (c) => c.socket.write(OK_ANSWER);
  let open = 0;
  let maxOpen = 0;
  const server: Server = createServer((socket) => {
    open++;
    maxOpen = Math.max(maxOpen, open);
    let closed = false;
    let pending = '';
    const connection: UpstreamConnection = {
      socket,
      received: '',
      closed: new Promise((resolve) =>
        socket.once('close', () => {
          closed = true;
          open--;
          resolve();
        }),
      ),
      isClosed: () => closed,
    };
    connections.push(connection);
    socket.on('error', () => {});
    socket.on('data', (chunk: Buffer) => {
      const text = chunk.toString('latin1');
      connection.received += text;
      pending += text;
      for (;;) {
        const headEnd = pending.indexOf('\r\n\r\n');
        if (headEnd < 0) return;
        const length = Number(
          /\r\ncontent-length: *(\d+)/i.exec(pending.slice(0, headEnd))?.[1] ?? 0,
        );
        const whole = headEnd + 4 + length;
        if (pending.length < whole) return;
        const request = pending.slice(0, whole);
        pending = pending.slice(whole);
        requests.push(request);
        answer(connection, request);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections,
    requests,
    open: () => open,
    maxOpen: () => maxOpen,
    answer(with_) {
      answer = with_;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of connections) c.socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** One HTTP/1.1 answer as read off the wire. */
export interface RawResponse {
  status: number;
  head: string;
  headers: Record<string, string>;
  body: string;
}

/** Splits what arrived into whole answers (each with a Content-Length, as the relay sends them). */
export function parseResponses(data: string): { responses: RawResponse[]; rest: string } {
  const responses: RawResponse[] = [];
  let rest = data;
  for (;;) {
    const headEnd = rest.indexOf('\r\n\r\n');
    if (headEnd < 0) break;
    const head = rest.slice(0, headEnd);
    const headers: Record<string, string> = {};
    for (const line of head.split('\r\n').slice(1)) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const length = Number(headers['content-length'] ?? 0);
    if (rest.length < headEnd + 4 + length) break;
    responses.push({
      status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0),
      head,
      headers,
      body: rest.slice(headEnd + 4, headEnd + 4 + length),
    });
    rest = rest.slice(headEnd + 4 + length);
  }
  return { responses, rest };
}

/** A raw client connection to the relay: write bytes, read what comes back, see when it closes. */
export interface RawClient {
  socket: Socket;
  data(): string;
  responses(): RawResponse[];
  /** Resolves when the relay closed (or reset) the connection; `ms` after the connection opened. */
  closed: Promise<{ ms: number }>;
  isClosed(): boolean;
  /** Resolves once `n` whole answers arrived; rejects after `timeoutMs`. */
  waitFor(n: number, timeoutMs?: number): Promise<RawResponse[]>;
}

/** Opens a connection to `base` (the relay's URL) and writes `bytes` once connected. */
export function rawClient(base: string, bytes: string | Buffer = ''): Promise<RawClient> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const opened = Date.now();
    let data = '';
    let closed = false;
    const listeners = new Set<() => void>();
    socket.on('data', (chunk: Buffer) => {
      data += chunk.toString('latin1');
      for (const l of listeners) l();
    });
    socket.on('error', () => {});
    const closedPromise = new Promise<{ ms: number }>((done) =>
      socket.once('close', () => {
        closed = true;
        for (const l of listeners) l();
        done({ ms: Date.now() - opened });
      }),
    );
    socket.once('connect', () => {
      if (bytes.length) socket.write(bytes);
      resolve({
        socket,
        data: () => data,
        responses: () => parseResponses(data).responses,
        closed: closedPromise,
        isClosed: () => closed,
        waitFor(n, timeoutMs = 5000) {
          return new Promise((ok, fail) => {
            const check = () => {
              const { responses } = parseResponses(data);
              if (responses.length >= n) {
                cleanup();
                ok(responses);
              } else if (closed) {
                cleanup();
                fail(new Error(`closed after ${responses.length} of ${n} answers: ${data}`));
              }
            };
            const timer = setTimeout(() => {
              cleanup();
              fail(
                new Error(
                  `${parseResponses(data).responses.length} of ${n} answers in ${timeoutMs} ms: ${data.slice(0, 300)}`,
                ),
              );
            }, timeoutMs);
            const cleanup = () => {
              clearTimeout(timer);
              listeners.delete(check);
            };
            listeners.add(check);
            check();
          });
        },
      });
    });
    socket.once('error', reject);
  });
}

/** A request as raw bytes, addressed to the relay at `base`, for `path` on Kalshi's demo host. */
export function rawRequest(
  base: string,
  method: string,
  path: string,
  { headers = {}, body = '' }: { headers?: Record<string, string>; body?: string } = {},
): string {
  const lines = [
    `${method} /external-api.demo.kalshi.co${path} HTTP/1.1`,
    `Host: ${new URL(base).host}`,
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  if (body || method === 'POST') lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}
