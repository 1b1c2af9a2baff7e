/** A minimal structured logger: one JSON line per event on stderr/stdout. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export function createLogger(level: 'silent' | 'error' | 'info'): Logger {
  const write = (stream: NodeJS.WriteStream, lvl: string, message: string, fields?: object) =>
    stream.write(
      `${JSON.stringify({ time: new Date().toISOString(), level: lvl, message, ...fields })}\n`,
    );
  return {
    info: (m, f) => {
      if (level === 'info') write(process.stdout, 'info', m, f);
    },
    error: (m, f) => {
      if (level !== 'silent') write(process.stderr, 'error', m, f);
    },
  };
}
