import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { DocmillError, loadConfig } from '@docmill/core';
import { positiveInt } from '../options.js';

/** `docmill view <dir>`: the review app over a folder of convert outputs, on 127.0.0.1. */
export function registerView(program: Command): void {
  program
    .command('view')
    .summary('review a folder of converted documents in the browser')
    .description(
      'Serve the review app (page image beside its Markdown, block boxes, pages to review, search, questions)\n' +
        'over a folder of `docmill convert` outputs. Listens on 127.0.0.1 only and needs no key; read-only.\n' +
        'Page images come from X.pages/ (convert --images), else are drawn from the original input when it is unchanged.',
    )
    .argument('<dir>', 'the output folder of docmill convert')
    .option('--port <n>', 'port on 127.0.0.1 (default 8090; 0 picks a free one)', (v) => (v === '0' ? 0 : positiveInt(v)), 8090)
    .addHelpText('after', '\nExample:\n  docmill convert scans/ -o out && docmill view out\n')
    .action(async (dir: string, opts: { port: number }) => {
      const config = loadConfig();
      const root = resolve(dir);
      if (!(await stat(root).catch(() => undefined))?.isDirectory()) throw new DocmillError('INPUT_NOT_FOUND', `${dir} is not a directory.`);
      const { buildViewApp } = await import('../view-server.js');
      const app = await buildViewApp(root, { maxQuestionChars: config.DOCMILL_MAX_QUESTION_CHARS });
      // Note: never another interface: the folder's documents are served without a key.
      const address = await app.listen({ host: '127.0.0.1', port: opts.port });
      process.stderr.write(`docmill view: ${address}/ui/ (Ctrl-C to stop)\n`);
      await new Promise<void>((done) => {
        process.once('SIGINT', () => done());
        process.once('SIGTERM', () => done());
      });
      await app.close();
    });
}
