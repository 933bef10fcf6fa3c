import { createServer, request as forward, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP proxy between the AWS SDK and dynalite that injects the faults real DynamoDB produces
 * and dynalite never does: throttling, 500s, and BatchWriteItem calls that process only half
 * their items and hand the rest back as UnprocessedItems. Faults follow a fixed pattern, so a
 * run is repeatable; `faults` counts what was injected.
 */
export class FaultProxy {
  readonly faults = { throttled: 0, serverErrors: 0, partialBatches: 0 };
  readonly operations: string[] = [];
  injecting = false;
  private calls = 0;

  private constructor(
    private readonly server: Server,
    readonly endpoint: string,
  ) {}

  static async start(target: string): Promise<FaultProxy> {
    const upstream = new URL(target);
    let proxy: FaultProxy | undefined;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => proxy!.handle(req.headers, Buffer.concat(chunks), upstream, res));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    proxy = new FaultProxy(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return proxy;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private handle(
    headers: NodeJS.Dict<string | string[]>,
    body: Buffer,
    upstream: URL,
    res: import('node:http').ServerResponse,
  ): void {
    const operation = String(headers['x-amz-target'] ?? '').replace('DynamoDB_20120810.', '');
    this.operations.push(operation);
    this.calls += 1;
    const call = this.calls;
    const fail = (status: number, type: string) => {
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(
        JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message: 'Injected by the fault proxy' }),
      );
    };
    if (this.injecting && call % 5 === 0) {
      this.faults.throttled += 1;
      fail(400, 'ProvisionedThroughputExceededException');
      return;
    }
    if (this.injecting && call % 7 === 0) {
      this.faults.serverErrors += 1;
      fail(500, 'InternalServerError');
      return;
    }
    let held: Record<string, unknown[]> | undefined;
    if (this.injecting && operation === 'BatchWriteItem') {
      const parsed = JSON.parse(body.toString('utf8')) as { RequestItems: Record<string, unknown[]> };
      const [table, requests] = Object.entries(parsed.RequestItems)[0] ?? [];
      if (table && requests && requests.length > 1) {
        const half = Math.ceil(requests.length / 2);
        held = { [table]: requests.slice(half) };
        parsed.RequestItems[table] = requests.slice(0, half);
        body = Buffer.from(JSON.stringify(parsed));
        this.faults.partialBatches += 1;
      }
    }
    const outgoing = forward(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: 'POST',
        path: '/',
        headers: { ...headers, 'content-length': String(body.length) },
      },
      (answer) => {
        const parts: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => parts.push(chunk));
        answer.on('end', () => {
          let payload = Buffer.concat(parts);
          if (held && answer.statusCode === 200) {
            const result = JSON.parse(payload.toString('utf8')) as { UnprocessedItems?: Record<string, unknown[]> };
            result.UnprocessedItems = held;
            payload = Buffer.from(JSON.stringify(result));
          }
          res.writeHead(answer.statusCode ?? 500, { ...answer.headers, 'content-length': String(payload.length) });
          res.end(payload);
        });
      },
    );
    outgoing.end(body);
  }
}
