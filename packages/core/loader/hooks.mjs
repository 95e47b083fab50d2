// Module hooks that run docmill's TypeScript sources directly on Node 20: files
// ending in .ts are transformed by esbuild (types stripped, nothing bundled) and
// cached by content hash; everything else — node_modules above all — loads
// untouched, at native speed.
// Note: tsx does the same but also rewrites every .mjs it loads, which costs
// ~1.5 s per thread for pdf.js alone, and docmill starts a thread per core.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const TS = /\.[cm]?ts$/;
const CACHE = fileURLToPath(new URL('../../../node_modules/.cache/docmill-ts/', import.meta.url));
let esbuild;

export async function resolve(specifier, context, nextResolve) {
  // Note: a TypeScript source's "./x.js" is tried as "./x.ts" first when that file exists: letting
  // the default resolver fail first cost an exception with its stack for every such import.
  if (context.parentURL && TS.test(context.parentURL) && /^\.{1,2}\//.test(specifier) && specifier.endsWith('.js')) {
    const ts = `${specifier.slice(0, -3)}.ts`;
    if (existsSync(new URL(ts, context.parentURL))) return nextResolve(ts, context);
  }
  try {
    return await nextResolve(specifier, context);
  } catch (err) {
    // TypeScript sources import each other as "./x.js" (NodeNext style).
    if (err?.code === 'ERR_MODULE_NOT_FOUND' && context.parentURL && TS.test(context.parentURL) && /^\.{1,2}\//.test(specifier) && specifier.endsWith('.js')) {
      return nextResolve(`${specifier.slice(0, -3)}.ts`, context);
    }
    throw err;
  }
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !TS.test(url.split('?')[0])) return nextLoad(url, context);
  const path = fileURLToPath(url);
  const source = await readFile(path, 'utf8');
  const key = createHash('sha256').update(path).update('\0').update(source).digest('hex').slice(0, 32);
  const cached = join(CACHE, `${key}.mjs`);
  let code = await readFile(cached, 'utf8').catch(() => undefined);
  if (code === undefined) {
    esbuild ??= await import('esbuild');
    const out = await esbuild.transform(source, { loader: 'ts', format: 'esm', target: 'node20', sourcemap: 'inline', sourcefile: path });
    code = out.code;
    // Written under a temporary name and renamed: parallel threads never read half a file.
    const tmp = `${cached}.${process.pid}.${Math.random().toString(36).slice(2)}`;
    await mkdir(CACHE, { recursive: true });
    await writeFile(tmp, code).then(() => rename(tmp, cached)).catch(() => {});
  }
  return { format: 'module', source: code, shortCircuit: true };
}
