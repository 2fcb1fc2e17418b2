import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AtomicJsonAdapter,
  removeStaleTempFiles,
  SerialQueue,
  writeFileAtomic,
} from '../../../src-main/store/atomic-file.js';
import { tempDataDir } from './temp-data-dir.js';

describe('atomic file writes', () => {
  it('replaces the file and leaves no temp file behind', async () => {
    const dir = await tempDataDir();
    const path = join(dir, 'a.json');
    await writeFileAtomic(path, 'one');
    await writeFileAtomic(path, 'two');
    expect(await readFile(path, 'utf8')).toBe('two');
    expect(await readdir(dir)).toEqual(['a.json']);
  });

  it('serialises writes to one file so the last call wins', async () => {
    const dir = await tempDataDir();
    const adapter = new AtomicJsonAdapter<{ n: number }>(join(dir, 'b.json'));
    await Promise.all(Array.from({ length: 25 }, (_, n) => adapter.write({ n })));
    expect(await adapter.read()).toEqual({ n: 24 });
  });

  it('reads a missing file as null and an invalid one as an error', async () => {
    const dir = await tempDataDir();
    const adapter = new AtomicJsonAdapter(join(dir, 'c.json'));
    expect(await adapter.read()).toBeNull();
    await writeFile(join(dir, 'c.json'), '{"trunc');
    await expect(adapter.read()).rejects.toThrow(SyntaxError);
  });

  it('removes temp files a killed writer left behind, and only those', async () => {
    const dir = await tempDataDir();
    await writeFile(join(dir, '.config.json.tmp-123-4'), 'partial');
    await writeFile(join(dir, 'config.json'), '{}');
    await removeStaleTempFiles(dir);
    expect(await readdir(dir)).toEqual(['config.json']);
  });

  it('keeps running queued tasks after one fails', async () => {
    const queue = new SerialQueue();
    const order: string[] = [];
    const failed = queue.run(async () => {
      order.push('a');
      throw new Error('boom');
    });
    const next = queue.run(async () => {
      order.push('b');
      return 2;
    });
    await expect(failed).rejects.toThrow('boom');
    expect(await next).toBe(2);
    expect(order).toEqual(['a', 'b']);
  });
});
