// A throwaway git repository for tests of the base side (files read at a commit, not from the working tree).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface TempRepo {
  root: string;
  write(rel: string, text: string): string;
  commit(message: string): string;
  git(...args: string[]): string;
  dispose(): void;
}

export function tempRepo(): TempRepo {
  const root = mkdtempSync(join(tmpdir(), 'zsnas-repo-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] }).toString().trim();
  git('init', '-q');
  git('config', 'user.email', 'test@example.com');
  git('config', 'user.name', 'test');
  git('config', 'commit.gpgsign', 'false');
  return {
    root,
    git,
    write(rel, text) {
      const p = join(root, rel);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, text);
      return p;
    },
    commit(message) {
      git('add', '-A');
      git('commit', '-q', '-m', message);
      return git('rev-parse', 'HEAD');
    },
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}
