// Progress on long work: a redrawn bar on a terminal, plain periodic lines in CI logs (no control characters).
export interface Progress {
  tick(label?: string): void;
  done(): void;
}

export function createProgress(total: number, title: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  const start = Date.now();
  let n = 0;
  let lastLog = 0;
  const tty = Boolean(stream.isTTY) && process.env.CI !== 'true';
  const eta = () => {
    if (n === 0) return '?';
    const s = ((Date.now() - start) / n) * (total - n) / 1000;
    return s >= 60 ? `${Math.floor(s / 60)}m${Math.round(s % 60)}s` : `${s.toFixed(0)}s`;
  };
  const line = (label: string) => `${title} ${n}/${total} (${((100 * n) / Math.max(1, total)).toFixed(0)}%) eta ${eta()} ${label}`;
  return {
    tick(label = '') {
      n++;
      if (tty) {
        const width = 24, filled = Math.round((width * n) / Math.max(1, total));
        stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${line(label).slice(0, 100)}\x1b[K`);
      } else if (n === total || Date.now() - lastLog > 10_000 || n % Math.max(1, Math.ceil(total / 10)) === 0) {
        lastLog = Date.now();
        stream.write(line(label) + '\n');
      }
    },
    done() {
      if (tty) stream.write('\n');
      stream.write(`${title}: ${n}/${total} done in ${((Date.now() - start) / 1000).toFixed(1)}s\n`);
    },
  };
}
