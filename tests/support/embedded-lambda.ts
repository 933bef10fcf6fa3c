import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

type Handler = (event: unknown) => Promise<unknown>;

/**
 * Lambda's Invoke API (`POST /2015-03-31/functions/<name>/invocations`) on a loopback port, for
 * the real SDK client: it runs the named handler in this process, and answers a thrown error as
 * Lambda does, with `X-Amz-Function-Error: Unhandled` and the error as the payload.
 */
export class EmbeddedLambda {
  /** The functions invoked so far, by name, in order. */
  readonly invoked: string[] = [];

  private constructor(
    private readonly server: Server,
    readonly endpoint: string,
  ) {}

  static async start(functions: Readonly<Record<string, Handler>>): Promise<EmbeddedLambda> {
    let lambda: EmbeddedLambda | undefined;
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', async () => {
        const name = decodeURIComponent(
          /^\/2015-03-31\/functions\/([^/]+)\/invocations/.exec(request.url ?? '')?.[1] ?? '',
        );
        const handler = functions[name];
        response.setHeader('content-type', 'application/json');
        if (request.method !== 'POST' || !handler) {
          response.statusCode = 404;
          response.setHeader('x-amzn-errortype', 'ResourceNotFoundException');
          response.end(JSON.stringify({ Type: 'User', message: `Function not found: ${name}` }));
          return;
        }
        lambda!.invoked.push(name);
        response.setHeader('x-amz-executed-version', '$LATEST');
        try {
          const body = Buffer.concat(chunks).toString('utf8');
          const result = await handler(body ? JSON.parse(body) : {});
          response.end(JSON.stringify(result ?? null));
        } catch (error) {
          response.setHeader('x-amz-function-error', 'Unhandled');
          response.end(
            JSON.stringify({ errorType: (error as Error).name, errorMessage: (error as Error).message, trace: [] }),
          );
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    lambda = new EmbeddedLambda(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return lambda;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
