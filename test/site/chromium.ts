// Drives headless Chromium over the DevTools protocol on a pipe (--remote-debugging-pipe: NUL-separated JSON on file
// descriptors 3 and 4), so no WebSocket client or browser-automation package is needed.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';

export const CHROMIUM = process.env.ZSNAS_CHROMIUM ?? '/usr/bin/chromium';

/** Why Chromium cannot run here, or false when it can. */
export function chromiumMissing(): string | false {
  if (existsSync(CHROMIUM)) return false;
  return `${CHROMIUM} not found: install it (Debian: apt-get install -y chromium) or set ZSNAS_CHROMIUM`;
}

type Params = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Listener = (params: Params, sessionId?: string) => void;

export class Browser {
  private nextId = 1;
  private pending = new Map<number, { ok: (r: Params) => void; fail: (e: Error) => void; method: string }>();
  private listeners: Array<{ method: string; fn: Listener }> = [];
  private buffer = '';

  private constructor(private proc: ChildProcess, private profile: string) {
    const out = proc.stdio[4] as Readable;
    out.setEncoding('utf8');
    out.on('data', (chunk: string) => {
      this.buffer += chunk;
      let end: number;
      while ((end = this.buffer.indexOf('\0')) >= 0) {
        const msg = JSON.parse(this.buffer.slice(0, end)) as { id?: number; result?: Params; error?: { message: string }; method?: string; params?: Params; sessionId?: string };
        this.buffer = this.buffer.slice(end + 1);
        if (msg.id !== undefined) {
          const p = this.pending.get(msg.id);
          this.pending.delete(msg.id);
          if (msg.error) p?.fail(new Error(`${p.method}: ${msg.error.message}`));
          else p?.ok(msg.result ?? {});
        } else if (msg.method) {
          for (const l of this.listeners) if (l.method === msg.method) l.fn(msg.params ?? {}, msg.sessionId);
        }
      }
    });
  }

  static async launch(): Promise<Browser> {
    const profile = mkdtempSync(join(tmpdir(), 'zsnas-chromium-'));
    const args = [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
      // Containers often give /dev/shm only 64 MB, where renderers crash: use /tmp instead.
      '--disable-dev-shm-usage', `--user-data-dir=${profile}`, '--remote-debugging-pipe', 'about:blank',
    ];
    const proc = spawn(CHROMIUM, args, { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
    let stderr = '';
    proc.stderr!.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-4000); });
    const browser = new Browser(proc, profile);
    const exited = new Promise<never>((_ok, fail) => proc.once('exit', (code) => fail(new Error(`chromium exited (${code}) before answering:\n${stderr}`))));
    await Promise.race([browser.send('Browser.getVersion'), exited]);
    return browser;
  }

  send(method: string, params: Params = {}, sessionId?: string): Promise<Params> {
    const id = this.nextId++;
    return new Promise((ok, fail) => {
      this.pending.set(id, { ok, fail, method });
      (this.proc.stdio[3] as Writable).write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  }

  on(method: string, fn: Listener): () => void {
    const entry = { method, fn };
    this.listeners.push(entry);
    return () => { this.listeners = this.listeners.filter((l) => l !== entry); };
  }

  async close(): Promise<void> {
    const gone = new Promise<void>((ok) => (this.proc.exitCode !== null ? ok() : this.proc.once('exit', () => ok())));
    await Promise.race([this.send('Browser.close').catch(() => undefined), new Promise((ok) => setTimeout(ok, 3000))]);
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), 5000);
    await gone;
    clearTimeout(timer);
    rmSync(this.profile, { recursive: true, force: true });
  }
}

export interface PageVisit {
  /** Console errors, uncaught exceptions, browser log errors, failed or non-2xx requests. */
  errors: string[];
  /** The value of `probe` once it returned truthy (or its last value at the timeout). */
  probe: unknown;
  screenshot: Buffer;
}

/**
 * Opens url in a fresh tab at opts.width px wide (default 1280), waits for the load event and then for `probe` (a JS expression) to be
 * truthy, records every error on the way, and takes a full-width screenshot from fromY down (capped at maxHeight px).
 */
export async function visit(b: Browser, url: string, probe: string, opts: { timeoutMs?: number; maxHeight?: number; fromY?: number; width?: number } = {}): Promise<PageVisit> {
  const { targetId } = await b.send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await b.send('Target.attachToTarget', { targetId, flatten: true });
  const errors: string[] = [];
  const mine = (fn: Listener): Listener => (p, s) => { if (s === sessionId) fn(p, s); };
  const off = [
    b.on('Runtime.exceptionThrown', mine((p) => errors.push(`exception: ${p.exceptionDetails?.exception?.description ?? p.exceptionDetails?.text}`))),
    b.on('Runtime.consoleAPICalled', mine((p) => { if (p.type === 'error') errors.push(`console.error: ${p.args?.map((a: Params) => a.value ?? a.description).join(' ')}`); })),
    b.on('Log.entryAdded', mine((p) => { if (p.entry?.level === 'error') errors.push(`log: ${p.entry.text} ${p.entry.url ?? ''}`); })),
    b.on('Network.loadingFailed', mine((p) => errors.push(`request failed: ${p.errorText} (${p.type})`))),
    b.on('Network.responseReceived', mine((p) => { if (p.response.status >= 400) errors.push(`HTTP ${p.response.status}: ${p.response.url}`); })),
  ];
  try {
    for (const domain of ['Runtime', 'Log', 'Network', 'Page']) await b.send(`${domain}.enable`, {}, sessionId);
    const width = opts.width ?? 1280;
    await b.send('Emulation.setDeviceMetricsOverride', { width, height: 900, deviceScaleFactor: 1, mobile: false }, sessionId);
    const loaded = new Promise<void>((ok) => { const o = b.on('Page.loadEventFired', mine(() => { o(); ok(); })); });
    const nav = await b.send('Page.navigate', { url }, sessionId);
    if (nav.errorText) errors.push(`navigation: ${nav.errorText}`);
    await loaded;
    const deadline = Date.now() + (opts.timeoutMs ?? 15000);
    let value: unknown;
    for (;;) {
      const r = await b.send('Runtime.evaluate', { expression: probe, returnByValue: true }, sessionId);
      value = r.result?.value;
      if (value || Date.now() > deadline) break;
      await new Promise((ok) => setTimeout(ok, 200));
    }
    const { cssContentSize } = await b.send('Page.getLayoutMetrics', {}, sessionId);
    const y = Math.min(opts.fromY ?? 0, Math.max(0, Math.ceil(cssContentSize.height) - 1));
    const clip = { x: 0, y, width, height: Math.min(Math.ceil(cssContentSize.height) - y, opts.maxHeight ?? 3000), scale: 1 };
    const shot = await b.send('Page.captureScreenshot', { format: 'png', clip, captureBeyondViewport: true }, sessionId);
    return { errors, probe: value, screenshot: Buffer.from(shot.data as string, 'base64') };
  } finally {
    off.forEach((f) => f());
    await b.send('Target.closeTarget', { targetId });
  }
}
