import pino, { type Logger } from 'pino';

export type { Logger };

/** One pino logger per process; pretty output on a TTY, JSON lines otherwise. */
export function createLogger(level: string, options: { destination?: 1 | 2 } = {}): Logger {
  const destination = options.destination ?? 1;
  const pretty = process.stdout.isTTY && destination === 1;
  if (pretty) {
    return pino({
      level,
      transport: { target: 'pino-pretty', options: { destination, translateTime: 'SYS:HH:MM:ss' } },
    });
  }
  return pino({ level }, pino.destination(destination));
}
