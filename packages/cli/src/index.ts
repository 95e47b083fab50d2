export { main } from './main.js';
export { runConvert, type ConvertCliOptions, type ConvertSummary } from './commands/convert.js';
export { expandInputs, type InputFile } from './inputs.js';
