import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * A JSON logger on stderr (stdout stays free for results and --json).
 * @param name the component ("cli", "worker:ingest", "api")
 * Level from DOCMILL_LOG_LEVEL (default "warn" for the CLI's sake; services pass "info").
 */
export function createLogger(name: string, level?: string): Logger {
  return pino({ name, level: process.env.DOCMILL_LOG_LEVEL ?? level ?? 'warn' }, pino.destination({ fd: 2, sync: true }));
}

/** A logger that drops everything (tests, library use). */
export const silentLogger: Logger = pino({ level: 'silent' });
