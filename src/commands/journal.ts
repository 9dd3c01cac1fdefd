// Progress journal: one JSON line per finished (arch, proxy) row, appended as work completes. An interrupted run
// loses at most the line being written; a rerun with the same run key resumes from the complete lines.
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ScoreRow } from '../results.js';

export class Journal {
  private readonly keys = new Set<string>();

  private constructor(
    readonly path: string,
    readonly rows: ScoreRow[],
    readonly resumed: boolean,
  ) {
    for (const r of rows) this.keys.add(key(r.arch, r.proxy));
  }

  /** Opens the journal; rows written under another run key (different spec settings) are discarded. */
  static open(path: string, runKey: string): Journal {
    mkdirSync(dirname(path), { recursive: true });
    const rows: ScoreRow[] = [];
    let resumed = false;
    if (existsSync(path)) {
      const lines = readFileSync(path, 'utf8').split('\n');
      if (lines[0] === JSON.stringify({ runKey })) {
        resumed = true;
        for (const line of lines.slice(1)) {
          if (!line.trim()) continue;
          try {
            rows.push(revive(JSON.parse(line)));
          } catch {
            break; // a torn last line from an interrupted write
          }
        }
      }
    }
    if (!resumed) writeFileSync(path, JSON.stringify({ runKey }) + '\n');
    else writeFileSync(path, [JSON.stringify({ runKey }), ...rows.map(serialize)].join('\n') + '\n');
    return new Journal(path, rows, resumed);
  }

  done(arch: string, proxy: string): boolean {
    return this.keys.has(key(arch, proxy));
  }

  append(rows: ScoreRow[]): void {
    if (!rows.length) return;
    appendFileSync(this.path, rows.map(serialize).join('\n') + '\n');
    this.rows.push(...rows);
    for (const r of rows) this.keys.add(key(r.arch, r.proxy));
  }

  remove(): void {
    rmSync(this.path, { force: true });
  }
}

function key(arch: string, proxy: string): string {
  return `${arch}\u0000${proxy}`;
}

function serialize(r: ScoreRow): string {
  return JSON.stringify({ ...r, value: Number.isFinite(r.value) ? r.value : String(r.value) });
}

function revive(o: ScoreRow & { value: number | string }): ScoreRow {
  return { ...o, value: typeof o.value === 'string' ? Number(o.value) : o.value };
}
