// Action inputs, read once and validated: a wrong value fails early with what was given and what was expected.
import * as core from '@actions/core';

export const MODES = ['run', 'compare', 'comment', 'baseline'] as const;
export type Mode = (typeof MODES)[number];
const BACKENDS = ['auto', 'node', 'wasm', 'cpu'] as const;

export interface ActionInputs {
  mode: Mode;
  /** Experiment spec path; required except in mode comment. */
  spec: string;
  backend?: (typeof BACKENDS)[number];
  token: string;
  failOnRegression: boolean;
  comment: boolean;
  pushCharts: boolean;
  resultsDir: string;
}

export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new InputError(`Input \`${name}\` is "${value}"; expected one of: ${allowed.join(', ')}`);
}

function bool(name: string, fallback: boolean): boolean {
  const raw = core.getInput(name).trim().toLowerCase();
  if (raw === '') return fallback;
  if (['true', 'yes', 'on', '1'].includes(raw)) return true;
  if (['false', 'no', 'off', '0'].includes(raw)) return false;
  throw new InputError(`Input \`${name}\` is "${raw}"; expected true or false`);
}

export function readInputs(): ActionInputs {
  const mode = oneOf('mode', core.getInput('mode').trim() || 'run', MODES);
  const spec = core.getInput('spec').trim();
  if (mode !== 'comment' && spec === '') throw new InputError(`Input \`spec\` is empty; mode ${mode} needs the path of an experiment spec (e.g. configs/pr-check.yml)`);
  const backendRaw = core.getInput('backend').trim();
  const token = core.getInput('github-token').trim();
  if (token) core.setSecret(token);
  const resultsDir = core.getInput('results-dir').trim() || 'zsnas-results';
  return {
    mode,
    spec,
    backend: backendRaw === '' ? undefined : oneOf('backend', backendRaw, BACKENDS),
    token,
    failOnRegression: bool('fail-on-regression', false),
    comment: bool('comment', true),
    pushCharts: bool('push-charts', true),
    resultsDir,
  };
}
