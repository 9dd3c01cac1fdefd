// Vega-Lite -> SVG (vega, pure JS) -> PNG (resvg, a native addon loaded lazily so a bundle without it still makes SVGs).
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { buildCharts, type VlSpec } from './charts.js';
import { buildMarkdown } from './markdown.js';
import { writeFileAtomic } from '../io/atomic.js';
import { serializeInput, type ChartName, type ReportInput } from './types.js';

export const PNG_WIDTH = 800;

export async function renderSvg(vlSpec: VlSpec): Promise<string> {
  const { spec } = compile(vlSpec as unknown as TopLevelSpec);
  const view = new vega.View(vega.parse(spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

interface ResvgModule {
  Resvg: new (svg: string, opts: object) => { render(): { asPng(): Buffer; width: number; height: number } };
}
let resvg: ResvgModule | Error | undefined;

/** Loads @resvg/resvg-js next to this file (dev, or dist/action/node_modules copied by the bundle script). */
function loadResvg(): ResvgModule {
  if (resvg === undefined) {
    try {
      resvg = createRequire(import.meta.url)('@resvg/resvg-js') as ResvgModule;
    } catch (err) {
      resvg = new Error(`PNG rendering unavailable: @resvg/resvg-js could not be loaded (${(err as Error).message.split('\n')[0]})`);
    }
  }
  if (resvg instanceof Error) throw resvg;
  return resvg;
}

const FONT_DIRS = ['/usr/share/fonts', '/usr/local/share/fonts', join(process.env.HOME ?? '/nonexistent', '.fonts'), '/System/Library/Fonts', '/Library/Fonts', 'C:\\Windows\\Fonts'];
const FAMILY_FILES: Array<[string, RegExp]> = [
  ['DejaVu Sans', /^DejaVuSans\.ttf$/],
  ['Liberation Sans', /^LiberationSans-Regular\.ttf$/],
  ['Noto Sans', /^NotoSans-Regular\.ttf$/],
  ['Arial', /^arial\.ttf$/i],
  ['Helvetica', /^Helvetica\.ttc$/],
];

function findFontFiles(dir: string, depth = 0): string[] {
  if (depth > 4 || !existsSync(dir)) return [];
  try {
    return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? findFontFiles(join(dir, e.name), depth + 1) : /\.(ttf|otf|ttc)$/i.test(e.name) ? [e.name] : [],
    );
  } catch {
    return [];
  }
}

let fontFamily: string | null | undefined;
/** A sans family that exists here: resvg draws no text at all when neither the requested nor the default family exists. */
export function systemFontFamily(): string | null {
  if (fontFamily !== undefined) return fontFamily;
  const extra = process.env.ZSNAS_FONT_DIR ? [process.env.ZSNAS_FONT_DIR] : [];
  const files = [...extra, ...FONT_DIRS].flatMap((d) => findFontFiles(d));
  fontFamily = FAMILY_FILES.find(([, re]) => files.some((f) => re.test(f)))?.[0] ?? null;
  return fontFamily;
}

export async function svgToPng(svg: string, width = PNG_WIDTH): Promise<Buffer> {
  const { Resvg } = loadResvg();
  const family = systemFontFamily();
  if (family === null) {
    throw new Error('PNG rendering has no fonts: install one (Debian: apt-get install fonts-dejavu-core) or set ZSNAS_FONT_DIR');
  }
  const font = {
    loadSystemFonts: true,
    fontDirs: process.env.ZSNAS_FONT_DIR ? [process.env.ZSNAS_FONT_DIR] : [],
    defaultFontFamily: family,
    sansSerifFamily: family,
  };
  const r = new Resvg(svg, { background: 'white', fitTo: { mode: 'width', value: width }, font });
  return r.render().asPng();
}

export async function renderChart(vlSpec: VlSpec): Promise<{ svg: string; png: Buffer }> {
  const svg = await renderSvg(vlSpec);
  return { svg, png: await svgToPng(svg) };
}

export interface WrittenChart {
  name: ChartName;
  vlPath: string;
  svgPath: string;
  /** Absent when PNG rendering is unavailable (see warnings). */
  pngPath?: string;
}

export interface WrittenReport {
  reportDir: string;
  markdownPath: string;
  inputPath: string;
  charts: WrittenChart[];
  warnings: string[];
}

/**
 * Writes DIR/report/: report.md (complete, not truncated; images linked relatively), input.json (for the
 * workflow_run commenter), and <chart>.vl.json/.svg/.png. Every file is written atomically.
 */
export async function writeReport(dir: string, input: ReportInput, opts: { commit?: string } = {}): Promise<WrittenReport> {
  const reportDir = join(dir, 'report');
  const charts: WrittenChart[] = [];
  const warnings: string[] = [];
  for (const [name, spec] of Object.entries(buildCharts(input)) as Array<[ChartName, VlSpec]>) {
    const base = join(reportDir, name);
    const chart: WrittenChart = { name, vlPath: `${base}.vl.json`, svgPath: `${base}.svg` };
    await writeFileAtomic(chart.vlPath, `${JSON.stringify(spec, null, 2)}\n`);
    const svg = await renderSvg(spec);
    await writeFileAtomic(chart.svgPath, svg);
    try {
      await writeFileAtomic(`${base}.png`, await svgToPng(svg));
      chart.pngPath = `${base}.png`;
    } catch (err) {
      if (!warnings.includes((err as Error).message)) warnings.push((err as Error).message);
    }
    charts.push(chart);
  }
  const relLinks = Object.fromEntries(charts.map((c) => [c.name, `./${c.name}.${c.pngPath ? 'png' : 'svg'}`]));
  const md = buildMarkdown({ ...input, chartLinks: input.chartLinks ?? relLinks }, { maxChars: Number.POSITIVE_INFINITY, commit: opts.commit });
  const markdownPath = join(reportDir, 'report.md');
  const inputPath = join(reportDir, 'input.json');
  await writeFileAtomic(markdownPath, md);
  await writeFileAtomic(inputPath, `${JSON.stringify(serializeInput(input))}\n`);
  return { reportDir, markdownPath, inputPath, charts, warnings };
}
