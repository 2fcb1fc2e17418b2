// A binary-safe search for secret values in files and captured text. Each value is looked for
// as UTF-8, UTF-16LE and base64/base64url, so a token re-encoded on its way to disk still counts.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface Haystack {
  name: string;
  bytes: Buffer;
}

export interface SecretHit {
  secret: string;
  where: string;
  encoding: string;
}

function encodings(value: string): { encoding: string; bytes: Buffer }[] {
  const all = [
    { encoding: 'utf8', bytes: Buffer.from(value, 'utf8') },
    { encoding: 'utf16le', bytes: Buffer.from(value, 'utf16le') },
    {
      encoding: 'base64',
      bytes: Buffer.from(Buffer.from(value, 'utf8').toString('base64').replace(/=+$/, ''), 'utf8'),
    },
    {
      encoding: 'base64url',
      bytes: Buffer.from(Buffer.from(value, 'utf8').toString('base64url'), 'utf8'),
    },
  ];
  // Many values encode the same in base64 and base64url: one hit per distinct byte pattern.
  return all.filter((e, i) => all.findIndex((o) => o.bytes.equals(e.bytes)) === i);
}

/** Every file under `dir`, recursively, read as raw bytes. */
export async function filesUnder(dir: string): Promise<Haystack[]> {
  const out: Haystack[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else if (entry.isFile()) out.push({ name: path, bytes: await readFile(path) });
  }
  return out;
}

export function findSecrets(
  haystacks: readonly Haystack[],
  secrets: Readonly<Record<string, string>>,
): SecretHit[] {
  const hits: SecretHit[] = [];
  for (const [secret, value] of Object.entries(secrets)) {
    for (const { encoding, bytes } of encodings(value)) {
      for (const haystack of haystacks) {
        if (haystack.bytes.includes(bytes)) hits.push({ secret, where: haystack.name, encoding });
      }
    }
  }
  return hits;
}
