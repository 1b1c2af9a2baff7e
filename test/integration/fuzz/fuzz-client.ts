import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from '../../../server/src/app';

export interface FuzzResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The parsed JSON body, or undefined when the body is not JSON. */
  json: unknown;
  text: string;
}

export interface FuzzRequest {
  method: string;
  /** Path and query string, already encoded. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** A cookie jar: one person's session (or none), kept across requests. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  header(): string | undefined {
    if (this.cookies.size === 0) return undefined;
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  clear(): void {
    this.cookies.clear();
  }

  keep(setCookie: string[] | undefined): void {
    for (const line of setCookie ?? []) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      if (at < 0) continue;
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      // An expired or emptied cookie is the server ending the session.
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

/**
 * The app listening on a loopback port, with one keep-alive connection pool: many thousand
 * requests without supertest starting a server for each.
 */
export class FuzzClient {
  private constructor(
    private readonly server: http.Server,
    private readonly agent: http.Agent,
    readonly origin: string,
  ) {}

  static async start(app: App): Promise<FuzzClient> {
    const server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    return new FuzzClient(server, agent, `http://127.0.0.1:${port}`);
  }

  send(req: FuzzRequest, jar?: CookieJar): Promise<FuzzResponse> {
    const url = new URL(this.origin);
    const headers: Record<string, string> = { ...req.headers };
    const cookie = jar?.header();
    if (cookie) headers.cookie = cookie;
    if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body));
    return new Promise((resolve, reject) => {
      const outgoing = http.request(
        {
          host: url.hostname,
          port: url.port,
          method: req.method,
          path: req.path,
          headers,
          agent: this.agent,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            jar?.keep(res.headers['set-cookie']);
            const text = Buffer.concat(chunks).toString('utf8');
            let json: unknown;
            if (/json/.test(String(res.headers['content-type'] ?? ''))) {
              try {
                json = JSON.parse(text) as unknown;
              } catch {
                json = undefined;
              }
            }
            resolve({ status: res.statusCode ?? 0, headers: res.headers, json, text });
          });
          res.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      if (req.body !== undefined) outgoing.write(req.body);
      outgoing.end();
    });
  }

  async close(): Promise<void> {
    this.agent.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
