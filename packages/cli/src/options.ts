import { Command, InvalidArgumentError, Option } from 'commander';
import { DocmillError, DocumentOptionsSchema, OPTION_NAMES, OPTION_SURFACES, optionDescription, optionValueKind, type DocumentOptions, type OptionName } from '@docmill/core';

/** Parses a whole number ≥ 1 from a flag's text (commander's argParser). */
export const positiveInt = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number ≥ 1');
  return n;
};

/** A flag's value checked by its option's schema, so a bad value is bad usage (exit 2) with the schema's message. */
function checkedBy(name: OptionName): (v: string) => string {
  return (v) => {
    const parsed = DocumentOptionsSchema.shape[name].safeParse(v);
    if (!parsed.success) throw new InvalidArgumentError(parsed.error.issues[0]?.message ?? 'invalid');
    return v;
  };
}

/** The options that have a flag, each with commander's Option for it. */
function flagOptions(): Array<[OptionName, Option]> {
  return OPTION_NAMES.flatMap((name) => {
    const surface = OPTION_SURFACES[name];
    if (!surface.cli) return [];
    const option = new Option(surface.cli, optionDescription(name));
    const value = optionValueKind(name);
    if (value.kind === 'enum') option.choices(value.choices);
    else if (value.kind === 'number') option.argParser(positiveInt);
    else if (value.kind === 'string') option.argParser(checkedBy(name));
    return [[name, option] as [OptionName, Option]];
  });
}

/**
 * Declares a flag for every document option that has one (OPTION_SURFACES in
 * @docmill/core), with its description and choices, on a command.
 * Note: no commander defaults: an unset option stays unset, and the pipeline and
 * the fingerprint count it as its default (the description says which).
 * @param command `convert`, `submit`, or any command that converts documents
 * @param include which options the command offers (default all that have a flag)
 * Does not declare the command's own flags (output, concurrency, quiet…).
 */
export function addDocumentOptions(command: Command, include: (name: OptionName) => boolean = () => true): Command {
  for (const [name, option] of flagOptions()) if (include(name)) command.addOption(option);
  return command;
}

/**
 * Document options as the REST API's form fields (their API names, as text), for
 * clients of the API such as `docmill submit`.
 * @param options validated document options
 * Options the API does not accept are left out.
 */
export function apiFields(options: DocumentOptions): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const name of OPTION_NAMES) {
    const api = OPTION_SURFACES[name].api;
    const value = options[name];
    if (api && value !== undefined) fields[api] = String(value);
  }
  return fields;
}

/**
 * The document options from a command's parsed flags, validated by the one schema.
 * @param values commander's `opts()` of a command declared with addDocumentOptions
 * Throws USAGE_BAD_ARGUMENT for a value the schema refuses.
 */
export function documentOptionsFromCli(values: Record<string, unknown>): DocumentOptions {
  const out: Record<string, unknown> = {};
  for (const [name, option] of flagOptions()) {
    const value = values[option.attributeName()];
    if (value !== undefined) out[name] = value;
  }
  const parsed = DocumentOptionsSchema.safeParse(out);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DocmillError('USAGE_BAD_ARGUMENT', `Option ${issue?.path.join('.') || '?'}: ${issue?.message ?? 'invalid'}.`);
  }
  return parsed.data;
}
