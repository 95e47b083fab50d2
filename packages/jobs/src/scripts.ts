import { readdirSync, readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';

/**
 * The job lifecycle's Lua scripts (`src/lua/<name>-<number of keys>.lua`, each
 * with a KEYS/ARGV header, the way BullMQ ships its own), defined as commands
 * on a connection: ioredis sends EVALSHA and falls back to EVAL once per
 * connection when Redis does not know the script yet (after a restart too).
 */
const DIR = new URL('./lua/', import.meta.url);

const SCRIPTS = readdirSync(DIR)
  .filter((f) => f.endsWith('.lua'))
  .map((f) => {
    const m = /^(.+)-(\d+)\.lua$/.exec(f);
    if (!m) throw new Error(`lua script name ${f} is not <name>-<keys>.lua`);
    return { name: m[1]!, numberOfKeys: Number(m[2]), lua: readFileSync(new URL(f, DIR), 'utf8') };
  });

type Arg = string | number;
/** The commands as callable methods (KEYS first, then ARGV). */
export interface JobCommands {
  createJob(...args: Arg[]): Promise<[number, string]>;
  transitionJob(...args: Arg[]): Promise<number>;
  savePage(...args: Arg[]): Promise<number>;
  updateJob(...args: Arg[]): Promise<number>;
  deleteJob(...args: Arg[]): Promise<number>;
  rankPages(...args: Arg[]): Promise<number>;
  acquirePage(...args: Arg[]): Promise<number>;
}

const defined = new WeakSet<Redis>();

/**
 * Defines the lifecycle commands on a connection (once per connection).
 * @param redis a command connection
 * @returns the same connection, typed with the commands
 */
export function withJobCommands(redis: Redis): Redis & JobCommands {
  if (!defined.has(redis)) {
    for (const s of SCRIPTS) redis.defineCommand(s.name, { numberOfKeys: s.numberOfKeys, lua: s.lua });
    defined.add(redis);
  }
  return redis as Redis & JobCommands;
}
