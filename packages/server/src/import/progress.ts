/**
 * A one-line progress bar on stderr, redrawn at most ten times a second, and only when
 * stderr is a terminal: logs and pipes get the final report alone.
 */
export interface Progress {
  update(label: string, done: number, total: number): void;
  done(): void;
}

const WIDTH = 24;

export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): Progress | null {
  if (!stream.isTTY) return null;
  let last = 0;
  let drawn = false;
  return {
    update(label, done, total) {
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      const ratio = total > 0 ? Math.min(1, done / total) : 0;
      const full = Math.round(ratio * WIDTH);
      const bar = `${"█".repeat(full)}${"░".repeat(WIDTH - full)}`;
      stream.write(`\r${label} ${bar} ${Math.floor(ratio * 100)}%\u001b[K`);
      drawn = true;
    },
    done() {
      if (drawn) stream.write("\r\u001b[K");
      drawn = false;
    },
  };
}
