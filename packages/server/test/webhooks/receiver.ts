/**
 * A real local HTTP receiver of webhooks: it checks every delivery with the `standardwebhooks`
 * library, as a practice's server would, and keeps what it accepted. It can be taken down (its
 * port refuses connections) and brought back on the same port.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface Received {
  readonly id: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export class Receiver {
  /** Deliveries that verified, in the order they came. */
  readonly accepted: Received[] = [];
  /** Deliveries refused because they did not verify. */
  readonly rejected: Received[] = [];
  private server: Server | undefined;
  private port = 0;
  secret: string | undefined;

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks`;
  }

  async start(): Promise<void> {
    const server = createServer((request, response) => {
      void readBody(request).then((body) => {
        const headers = Object.fromEntries(['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) => [name, String(request.headers[name] ?? '')]));
        const received = { id: headers['webhook-id']!, headers, body };
        try {
          new Webhook(this.secret ?? '').verify(body, headers);
        } catch {
          this.rejected.push(received);
          response.writeHead(400).end();
          return;
        }
        this.accepted.push(received);
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
