import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, copyFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';

const root = resolve(import.meta.dirname, '..');
/** The browser app's sources. */
export const APP_DIR = join(root, 'app');
/** Where the bundled app is written (static files: index.html, app.js, app.css). */
export const WWW_DIR = join(root, 'dist', 'www');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, name.name);
    newest = Math.max(newest, name.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * Bundles the browser app with esbuild (Preact, marked, DOMPurify: no CDN, works
 * offline) into WWW_DIR, unless the bundle there is newer than every source.
 * @param force rebuild even when the bundle is up to date
 * Writes into a fresh folder and renames it into place, so processes that build
 * at the same time (tests, several servers) never serve half a bundle.
 * Returns the folder of static files.
 */
export function buildUi(force = false): string {
  const bundle = join(WWW_DIR, 'app.js');
  if (!force && existsSync(bundle) && statSync(bundle).mtimeMs >= newestMtime(APP_DIR)) return WWW_DIR;
  const tmp = `${WWW_DIR}.${process.pid}.${Date.now()}`;
  mkdirSync(tmp, { recursive: true });
  try {
    buildSync({
      entryPoints: [join(APP_DIR, 'main.tsx')],
      outfile: join(tmp, 'app.js'),
      bundle: true,
      minify: true,
      sourcemap: false,
      format: 'esm',
      target: ['chrome110', 'firefox110', 'safari16'],
      jsx: 'automatic',
      jsxImportSource: 'preact',
      legalComments: 'none',
      logLevel: 'silent',
    });
    copyFileSync(join(APP_DIR, 'index.html'), join(tmp, 'index.html'));
    copyFileSync(join(APP_DIR, 'style.css'), join(tmp, 'app.css'));
    rmSync(WWW_DIR, { recursive: true, force: true });
    renameSync(tmp, WWW_DIR);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    // Note: another process may have renamed its bundle into place first; theirs is as good as ours.
    if (existsSync(bundle)) return WWW_DIR;
    throw e;
  }
  return WWW_DIR;
}
