// The bookshop API bundled for the demo and the benchmarks: in-memory, JSON, with the banner
// headers (Server, X-Powered-By) real frameworks leak, so the headers stage has work to show, and
// an internal field (costPrice) its OpenAPI document does not declare, so contract-response does.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

interface Book { id: number; title: string; author: string; year?: number; costPrice: number }

export interface DemoApi {
  readonly url: string;
  readonly server: Server;
  close(): Promise<void>;
}

const MAX_BODY = 64 * 1024;
const BOOK_PATH = /^\/books\/(\d{1,9})$/;

export async function startDemoApi(port = 3000, host = '127.0.0.1'): Promise<DemoApi> {
  const books = new Map<number, Book>([
    [1, { id: 1, title: 'The Pragmatic Programmer', author: 'Hunt & Thomas', year: 1999, costPrice: 21.5 }],
    [2, { id: 2, title: 'Security Engineering', author: 'Ross Anderson', year: 2020, costPrice: 38 }],
    [3, { id: 3, title: 'The Tangled Web', author: 'Michal Zalewski', year: 2011, costPrice: 17.25 }],
  ]);
  let nextId = 4;

  const server = createServer((req, res) => {
    res.setHeader('server', 'demo-bookshop/1.0');
    res.setHeader('x-powered-by', 'Node.js');
    const url = new URL(req.url ?? '/', 'http://demo');
    const match = BOOK_PATH.exec(url.pathname);
    if (url.pathname === '/health') return send(res, 200, { status: 'ok' });
    if (url.pathname === '/books' && req.method === 'GET') {
      const limit = Math.min(Number(url.searchParams.get('limit') ?? 20) || 20, 100);
      return send(res, 200, [...books.values()].slice(0, limit));
    }
    if (url.pathname === '/books' && req.method === 'POST') {
      return void readJson(req).then((body) => {
        if (!isNewBook(body)) return send(res, 400, { error: 'title and author are required strings' });
        const book: Book = { id: nextId++, title: body.title, author: body.author, ...(typeof body.year === 'number' ? { year: body.year } : {}), costPrice: 10 };
        books.set(book.id, book);
        send(res, 201, book);
      }, () => send(res, 400, { error: 'invalid JSON body' }));
    }
    if (match && req.method === 'GET') {
      const book = books.get(Number(match[1]));
      return book ? send(res, 200, book) : send(res, 404, { error: 'no such book' });
    }
    if (match && req.method === 'DELETE') {
      return books.delete(Number(match[1])) ? send(res, 204, undefined) : send(res, 404, { error: 'no such book' });
    }
    return send(res, 404, { error: 'not found' });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}`,
    server,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (body === undefined) {
    res.writeHead(status).end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) req.destroy(new Error('too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    req.on('error', reject);
  });
}

function isNewBook(value: unknown): value is { title: string; author: string; year?: unknown } {
  const book = value as { title?: unknown; author?: unknown } | null;
  return typeof book === 'object' && book !== null && typeof book.title === 'string' && typeof book.author === 'string';
}
