import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { basename } from 'node:path';
import { execFileSync } from 'node:child_process';

/** A packed package as a registry serves it. */
export interface PackedPackage {
  name: string;
  version: string;
  tarball: string;
}

export interface LocalRegistry {
  url: string;
  close(): Promise<void>;
}

/** The package.json inside a tarball made by `yarn pack` (always under `package/`). */
export function readPackedManifest(tarball: string): Record<string, any> {
  return JSON.parse(
    execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], {
      encoding: 'utf8',
    }),
  );
}

/**
 * A minimal npm registry for the packed tarballs, so that the clean app installs them with the very commands
 * of the READMEs (`yarn add @backstage-harbor/...`) instead of `file:` paths, and their dependencies on each
 * other resolve the same way they will from npmjs.com. Only the scope's packages are served; everything else
 * comes from the machine's registry.
 */
export async function startLocalRegistry(
  tarballs: string[],
): Promise<LocalRegistry> {
  const published = new Date().toISOString();
  const packages = new Map<
    string,
    { manifest: Record<string, any>; file: string; data: Buffer }
  >();
  for (const file of tarballs) {
    const manifest = readPackedManifest(file);
    packages.set(manifest.name, { manifest, file, data: readFileSync(file) });
  }

  let baseUrl = '';
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url!, 'http://x').pathname);
    const tarball = path.match(/^\/-\/tarballs\/(.+)$/);
    if (tarball) {
      const entry = [...packages.values()].find(
        p => basename(p.file) === tarball[1],
      );
      if (!entry) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      return void res.end(entry.data);
    }
    const entry = packages.get(path.slice(1));
    if (!entry) {
      res.writeHead(404, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ error: 'not found' }));
    }
    const { manifest, file, data } = entry;
    const packument = {
      name: manifest.name,
      'dist-tags': { latest: manifest.version },
      time: { created: published, [manifest.version]: published },
      versions: {
        [manifest.version]: {
          ...manifest,
          dist: {
            tarball: `${baseUrl}/-/tarballs/${basename(file)}`,
            shasum: createHash('sha1').update(data).digest('hex'),
            integrity: `sha512-${createHash('sha512')
              .update(data)
              .digest('base64')}`,
          },
        },
      },
    };
    res.writeHead(200, { 'content-type': 'application/json' });
    return void res.end(JSON.stringify(packument));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: baseUrl,
    close: () => new Promise(resolve => server.close(() => resolve())),
  };
}
