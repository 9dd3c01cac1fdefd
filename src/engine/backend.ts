// TensorFlow.js backend choice: native tfjs-node > wasm > pure-JS cpu. Everyone in the project imports tf
// from '@tensorflow/tfjs'; this module only decides which backend that tf runs on.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmGradKernels } from './wasm-kernels.js';
import { quietModuleListeners } from './recover.js';

export type BackendName = 'node' | 'wasm' | 'cpu';
export type BackendChoice = 'auto' | BackendName;

export interface BackendInfo {
  name: BackendName;
  /** tf.getBackend() */
  tfName: string;
  /** tfjs version */
  version: string;
  threads: number;
  /** why a backend preferred over this one was skipped (auto only) */
  fallbackReason?: string;
  /** the same in one short line for logs, with how to get the native backend (auto only) */
  fallbackNote?: string;
}

const CHOICES: readonly BackendChoice[] = ['auto', 'node', 'wasm', 'cpu'];
const TF_NAME: Record<BackendName, string> = { node: 'tensorflow', wasm: 'wasm', cpu: 'cpu' };
const NODE_PACKAGE = '@tensorflow/tfjs-node';
const WASM_BINARY = 'tfjs-backend-wasm-simd.wasm';

let wasmDir: string | undefined;
let wasmPathsSet = false;
let current: { choice: BackendChoice; info: BackendInfo } | undefined;

/**
 * Where the wasm backend finds its .wasm files. Needed when the code is bundled (esbuild into dist/): copy
 * node_modules/@tensorflow/tfjs-backend-wasm/dist/*.wasm there and point at that folder. The env var
 * ZSNAS_WASM_DIR does the same. Must be called before the first initBackend that picks wasm.
 */
export function setWasmDir(dir: string): void {
  if (wasmPathsSet) throw new Error('setWasmDir: the wasm backend is already initialised; call setWasmDir before initBackend');
  wasmDir = resolve(dir);
}

/** The folder holding the .wasm binaries, or undefined to let the wasm package look beside itself. */
export function resolveWasmDir(): string | undefined {
  if (wasmDir != null) return wasmDir;
  const fromEnv = process.env.ZSNAS_WASM_DIR;
  if (fromEnv != null && fromEnv !== '') return resolve(fromEnv);
  // Bundled layout: the .wasm files copied beside the bundle that contains this module.
  const here = dirname(fileURLToPath(import.meta.url));
  return existsSync(join(here, WASM_BINARY)) ? here : undefined;
}

function parseChoice(value: string, where: string): BackendChoice {
  if ((CHOICES as readonly string[]).includes(value)) return value as BackendChoice;
  throw new Error(`${where}: unknown backend '${value}'; expected one of ${CHOICES.join(', ')}`);
}

/** `auto` unless the env var ZSNAS_BACKEND says otherwise; explicit choices are never overridden. */
function effectiveChoice(choice: BackendChoice): BackendChoice {
  parseChoice(choice, 'initBackend');
  const env = process.env.ZSNAS_BACKEND;
  if (choice !== 'auto' || env == null || env === '') return choice;
  return parseChoice(env.trim().toLowerCase(), 'env ZSNAS_BACKEND');
}

function message(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.split('\n')[0] ?? text;
}

async function loadNode(): Promise<void> {
  const specifier = NODE_PACKAGE; // a variable, so neither tsc nor esbuild tries to resolve this optional package
  try {
    await import(specifier);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const absent = code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
    throw Object.assign(new Error(`${NODE_PACKAGE} could not be loaded (${message(e)}). ` +
      `Install it: npm i ${NODE_PACKAGE}@${tf.version.tfjs} (it downloads a native libtensorflow at install time)`), { absent });
  }
  if (tf.findBackend(TF_NAME.node) == null) {
    throw new Error(`${NODE_PACKAGE} loaded but registered no '${TF_NAME.node}' backend with this @tensorflow/tfjs ` +
      `(${tf.version.tfjs}); install the same version: npm i ${NODE_PACKAGE}@${tf.version.tfjs}`);
  }
  await activate('node');
}

async function loadWasm(): Promise<void> {
  const dir = resolveWasmDir();
  if (dir != null && !wasmPathsSet) {
    if (!existsSync(join(dir, WASM_BINARY))) {
      throw new Error(`wasm backend: ${WASM_BINARY} not found in ${dir} (from setWasmDir/ZSNAS_WASM_DIR); copy ` +
        `node_modules/@tensorflow/tfjs-backend-wasm/dist/*.wasm there`);
    }
    setWasmPaths(dir.endsWith('/') ? dir : `${dir}/`);
    // An ES-module bundle has no __dirname, which the Emscripten loader reads before it asks for the path.
    const g = globalThis as { __dirname?: string };
    if (g.__dirname === undefined) g.__dirname = dir;
  }
  wasmPathsSet = true;
  registerWasmGradKernels(); // before first use: replaced kernels take effect for every later op
  await activate('wasm', 'wasm backend failed to initialise (see the warning above); if the code is bundled, ' +
    'copy node_modules/@tensorflow/tfjs-backend-wasm/dist/*.wasm next to the bundle or set ZSNAS_WASM_DIR');
}

async function activate(name: BackendName, hint = ''): Promise<void> {
  let ok: boolean;
  try {
    ok = await quietModuleListeners(() => tf.setBackend(TF_NAME[name]));
  } catch (e) {
    throw new Error(`backend ${name}: ${message(e)}${hint ? `; ${hint}` : ''}`);
  }
  if (!ok) throw new Error(`backend ${name} could not be initialised${hint ? `: ${hint}` : ''}`);
  await tf.ready();
}

function threadsOf(name: BackendName): number {
  if (name === 'wasm') return getThreadsCount();
  if (name === 'node') return availableParallelism();
  return 1;
}

function describe(name: BackendName, fallbackReason?: string): BackendInfo {
  const info: BackendInfo = { name, tfName: tf.getBackend(), version: tf.version.tfjs, threads: threadsOf(name) };
  if (fallbackReason != null) info.fallbackReason = fallbackReason;
  return info;
}

/**
 * The fallback in one short line. An absent optional package is the usual case (it installs where libtensorflow
 * can be downloaded, e.g. GitHub's runners, not offline): say how to get it there. A package that is installed but
 * fails to load is a broken install: give the first words of the error (the full reason is in run.json).
 */
function fallbackNote(nodeAbsent: boolean, firstReason: string): string {
  if (nodeAbsent) return `native ${NODE_PACKAGE} not installed; where it can install (GitHub runners): npm i ${NODE_PACKAGE}@${tf.version.tfjs}`;
  const short = firstReason.length > 100 ? `${firstReason.slice(0, 99)}…` : firstReason;
  return `skipped ${short}`;
}

// A --jobs parent sets this for all but one child, so a run says the fallback once, not once per process.
let fallbackSaid = process.env.ZSNAS_BACKEND_NOTE_SAID === '1';

/** `backend: wasm`, with the short fallback note the first time in a process (BackendInfo.fallbackReason has it all). */
export function backendLogLine(info: BackendInfo): string {
  const note = info.fallbackNote && !fallbackSaid ? ` (${info.fallbackNote})` : '';
  if (note) fallbackSaid = true;
  return `backend: ${info.name}${note}`;
}

const loaders: Record<BackendName, () => Promise<void>> = {
  node: loadNode,
  wasm: loadWasm,
  cpu: () => activate('cpu'),
};

/**
 * Selects and initialises the backend. `auto` tries tfjs-node, then wasm, then cpu, and says in
 * `fallbackReason` why a faster one was skipped; the env var ZSNAS_BACKEND overrides `auto` (only).
 * An explicit choice that cannot load throws, saying what failed and how to fix it. Idempotent.
 */
export async function initBackend(choice: BackendChoice = 'auto'): Promise<BackendInfo> {
  const wanted = effectiveChoice(choice);
  if (current?.choice === wanted && tf.getBackend() === current.info.tfName) return { ...current.info };
  let info: BackendInfo;
  if (wanted === 'auto') {
    const skipped: string[] = [];
    let nodeAbsent = false;
    let picked: BackendName | undefined;
    for (const name of ['node', 'wasm', 'cpu'] as const) {
      try {
        await loaders[name]();
        picked = name;
        break;
      } catch (e) {
        skipped.push(`${name}: ${message(e)}`);
        if (name === 'node') nodeAbsent = (e as { absent?: boolean }).absent === true;
      }
    }
    if (picked == null) throw new Error(`no TensorFlow.js backend could be initialised (${skipped.join('; ')})`);
    info = describe(picked, skipped.length > 0 ? skipped.join('; ') : undefined);
    if (skipped.length > 0) info.fallbackNote = fallbackNote(nodeAbsent, skipped[0]);
  } else {
    await loaders[wanted]();
    info = describe(wanted);
  }
  current = { choice: wanted, info };
  return { ...info };
}
