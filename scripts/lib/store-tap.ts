import { connect, createServer, type Socket } from 'node:net';

/**
 * A store proxy that costs the measured machine little: bytes are passed through as they come
 * (no HTTP server and client re-parsing and re-writing every request, as `http` would), and only
 * the framing is read on the side: each request's `X-Amz-Target` and `Content-Length`, each
 * response's status and length, matched in order on their connection (the SDK never pipelines).
 * `onExchange` gets each request's operation, its body when `wantBody` says so, and the status.
 */
export interface Exchange {
  op: string;
  body: Buffer | undefined;
  status: number;
}

interface Framing {
  /** Bytes of the current message not yet parsed (headers, or a body being read). */
  buffer: Buffer;
  /** Body bytes still to skip or gather, once the headers are read. */
  remaining: number;
  chunked: boolean;
}

const HEADER_END = Buffer.from('\r\n\r\n');

/** The headers read, compiled once: the tap sees every store request of the bench. */
const HEADERS = {
  target: /\r\nx-amz-target:\s*([^\r\n]*)/i,
  length: /\r\ncontent-length:\s*([^\r\n]*)/i,
  encoding: /\r\ntransfer-encoding:\s*([^\r\n]*)/i,
};

function header(head: string, name: keyof typeof HEADERS): string | undefined {
  return HEADERS[name].exec(head)?.[1]?.trim();
}

export function startStoreTap(
  upstream: () => { host: string; port: number },
  wantBody: (op: string) => boolean,
  onExchange: (exchange: Exchange) => void,
): Promise<number> {
  const server = createServer((client: Socket) => {
    const { host, port } = upstream();
    const store = connect(port, host);
    client.setNoDelay(true);
    store.setNoDelay(true);
    const pending: { op: string; body: Buffer | undefined }[] = [];
    const req: Framing & { op: string; gather: boolean; parts: Buffer[] } = {
      buffer: Buffer.alloc(0),
      remaining: -1,
      chunked: false,
      op: '',
      gather: false,
      parts: [],
    };
    const res: Framing & { status: number } = {
      buffer: Buffer.alloc(0),
      remaining: -1,
      chunked: false,
      status: 0,
    };

    const readRequests = (chunk: Buffer) => {
      let data = req.buffer.length ? Buffer.concat([req.buffer, chunk]) : chunk;
      for (;;) {
        if (req.remaining < 0) {
          const end = data.indexOf(HEADER_END);
          if (end < 0) break;
          const head = data.subarray(0, end).toString('latin1');
          req.op = (header(head, 'target') ?? 'unknown').replace(/^DynamoDB_\d+\./, '');
          req.remaining = Number(header(head, 'length') ?? 0);
          req.gather = wantBody(req.op);
          req.parts = [];
          data = data.subarray(end + HEADER_END.length);
        }
        const take = Math.min(req.remaining, data.length);
        if (req.gather && take > 0) req.parts.push(data.subarray(0, take));
        req.remaining -= take;
        data = data.subarray(take);
        if (req.remaining > 0) break;
        pending.push({ op: req.op, body: req.gather ? Buffer.concat(req.parts) : undefined });
        req.remaining = -1;
        if (data.length === 0) break;
      }
      req.buffer = data.length ? Buffer.from(data) : Buffer.alloc(0);
    };

    const readResponses = (chunk: Buffer) => {
      let data = res.buffer.length ? Buffer.concat([res.buffer, chunk]) : chunk;
      for (;;) {
        if (res.remaining < 0) {
          const end = data.indexOf(HEADER_END);
          if (end < 0) break;
          const head = data.subarray(0, end).toString('latin1');
          res.status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
          res.chunked = /chunked/i.test(header(head, 'encoding') ?? '');
          res.remaining = res.chunked ? 0 : Number(header(head, 'length') ?? 0);
          data = data.subarray(end + HEADER_END.length);
        }
        if (res.chunked) {
          // Chunked: sizes in hex, each chunk followed by CRLF, a zero-size chunk and CRLF ending it.
          const line = data.indexOf('\r\n');
          if (line < 0) break;
          const size = Number.parseInt(data.subarray(0, line).toString('latin1'), 16);
          if (data.length < line + 2 + size + 2) break;
          data = data.subarray(line + 2 + size + 2);
          if (size > 0) continue;
          res.chunked = false;
          res.remaining = 0;
        } else {
          const take = Math.min(res.remaining, data.length);
          res.remaining -= take;
          data = data.subarray(take);
          if (res.remaining > 0) break;
        }
        const done = pending.shift();
        if (done) onExchange({ ...done, status: res.status });
        res.remaining = -1;
        if (data.length === 0) break;
      }
      res.buffer = data.length ? Buffer.from(data) : Buffer.alloc(0);
    };

    client.on('data', (chunk: Buffer) => {
      readRequests(chunk);
      store.write(chunk);
    });
    store.on('data', (chunk: Buffer) => {
      readResponses(chunk);
      client.write(chunk);
    });
    const close = () => {
      client.destroy();
      store.destroy();
    };
    client.on('error', close);
    store.on('error', close);
    client.on('close', close);
    store.on('close', close);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );
}
