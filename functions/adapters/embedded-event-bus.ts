import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventBridgeEvent } from 'aws-lambda';

/**
 * EventBridge's PutEvents, spoken to the real SDK client on a loopback port. It keeps each event
 * as EventBridge would deliver it to a rule's target, for the local runner to route.
 */
export class EmbeddedEventBus {
  private readonly pending: EventBridgeEvent<string, unknown>[] = [];

  private constructor(
    private readonly server: Server,
    readonly endpoint: string,
    private readonly region: string,
  ) {}

  static async start(region: string): Promise<EmbeddedEventBus> {
    let bus: EmbeddedEventBus | undefined;
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const target = request.headers['x-amz-target'];
        response.setHeader('content-type', 'application/x-amz-json-1.1');
        if (target !== 'AWSEvents.PutEvents' || !bus) {
          response.statusCode = 400;
          response.end(
            JSON.stringify({ __type: 'UnknownOperationException', message: `${target} is not supported here` }),
          );
          return;
        }
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          Entries: { Source: string; DetailType: string; Detail: string }[];
        };
        const entries = body.Entries.map((entry) => (bus as EmbeddedEventBus).accept(entry));
        response.end(JSON.stringify({ FailedEntryCount: 0, Entries: entries.map((id) => ({ EventId: id })) }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    bus = new EmbeddedEventBus(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, region);
    return bus;
  }

  /** The events put since the last call, oldest first. */
  drain(): EventBridgeEvent<string, unknown>[] {
    return this.pending.splice(0);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private accept(entry: { Source: string; DetailType: string; Detail: string }): string {
    const id = randomUUID();
    this.pending.push({
      version: '0',
      id,
      'detail-type': entry.DetailType,
      source: entry.Source,
      account: '000000000000',
      time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      region: this.region,
      resources: [],
      detail: JSON.parse(entry.Detail),
    });
    return id;
  }
}
