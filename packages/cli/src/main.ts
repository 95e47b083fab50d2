import { Command, CommanderError } from 'commander';
import { DOCMILL_VERSION } from '@docmill/core';
import { registerConvert } from './commands/convert.js';
import { registerSubmit } from './commands/submit.js';
import { registerServices } from './commands/services.js';
import { registerAsk } from './commands/ask.js';
import { registerView } from './commands/view.js';

/**
 * Runs the docmill command line.
 * @param argv process.argv
 * @returns the exit status: 0 success, 1 some inputs failed, 2 bad usage, 3 (submit) the server could not be used
 */
export async function main(argv: string[]): Promise<number> {
  const program = new Command('docmill')
    .description('docmill: PDFs and page images to clean Markdown with page-level provenance, a job API, and questions over documents.')
    .version(DOCMILL_VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerConvert(program);
  registerSubmit(program);
  registerAsk(program);
  registerServices(program);
  registerView(program);
  program.addHelpText('after', `
Run "docmill <command> --help" for a command's options. Configuration is by environment
variables (DOCMILL_*), listed in the README.`);
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return 2;
    }
    throw e;
  }
  const sub = program.commands.find((c) => c.getOptionValue('_exitCode') !== undefined);
  return (sub?.getOptionValue('_exitCode') as number | undefined) ?? 0;
}
