// A loopback HTTP server for download tests: serves files under a folder, 404 for anything else, counts requests.
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';

export interface FileServer { url: string; requests: string[]; close(): Promise<void> }

export async function serveFiles(root: string): Promise<FileServer> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(path);
    const file = join(root, normalize(path).replace(/^(\.\.[/\\])+/, ''));
    readFile(file).then(
      (body) => { res.writeHead(200, { 'content-type': 'application/octet-stream' }); res.end(body); },
      () => { res.writeHead(404, { 'content-type': 'text/plain' }); res.end('not found'); },
    );
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((ok, fail) => {
      server.closeAllConnections();
      server.close((e) => (e ? fail(e) : ok()));
    }),
  };
}
