// The site's assets: vega, vega-lite and vega-embed copied from node_modules (no CDN: the site works offline and
// pins the versions in package-lock.json), a stylesheet, and the script that embeds each page's charts.
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const VEGA_FILES: Array<[pkg: string, file: string]> = [
  ['vega', 'vega.min.js'],
  ['vega-lite', 'vega-lite.min.js'],
  ['vega-embed', 'vega-embed.min.js'],
];

/** node_modules/<pkg>/build/<file>, looked up from this module's folder upwards (works from src/ and build/). */
export function findBuildFile(pkg: string, file: string, from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const p = join(dir, 'node_modules', pkg, 'build', file);
    if (existsSync(p)) return p;
    if (dirname(dir) === dir) break;
  }
  throw new Error(`${pkg}/build/${file} not found in any node_modules above ${from}: run npm ci`);
}

const SITE_JS = `// Embeds every chart of the page: the Vega-Lite spec is the JSON script named by data-spec.
(function () {
  var charts = document.querySelectorAll('.chart[data-spec]');
  Array.prototype.forEach.call(charts, function (el) {
    var spec = JSON.parse(document.getElementById(el.getAttribute('data-spec')).textContent);
    vegaEmbed(el, spec, { renderer: 'svg', actions: { export: true, source: true, compiled: false, editor: false } })
      .then(function () { el.setAttribute('data-rendered', 'true'); })
      .catch(function (err) {
        el.textContent = 'This chart could not be drawn: ' + err.message;
        console.error(err);
      });
  });
})();
`;

const SITE_CSS = `body { font-family: -apple-system, "Segoe UI", "DejaVu Sans", Helvetica, Arial, sans-serif; color: #1f2328;
  margin: 0 auto; max-width: 1180px; padding: 1rem 1.5rem 3rem; line-height: 1.45; background: #fff; }
h1 { font-size: 1.7rem; border-bottom: 1px solid #d0d7de; padding-bottom: .3rem; }
h2 { font-size: 1.35rem; margin-top: 2rem; border-bottom: 1px solid #eaeef2; padding-bottom: .2rem; }
h3 { font-size: 1.1rem; }
a { color: #0969da; text-decoration: none; } a:hover { text-decoration: underline; }
code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 85%; background: #f6f8fa;
  padding: .1em .3em; border-radius: 4px; }
pre { background: #f6f8fa; padding: .8rem; overflow-x: auto; border-radius: 6px; } pre code { background: none; padding: 0; }
.table-wrap { overflow-x: auto; margin: .8rem 0; }
table { border-collapse: collapse; font-size: .88rem; }
th, td { border: 1px solid #d0d7de; padding: .3rem .6rem; vertical-align: top; }
th { background: #f6f8fa; } tr:nth-child(even) td { background: #fbfcfd; }
td code { white-space: nowrap; }
.kind { font-size: .8rem; font-weight: normal; background: #ddf4ff; color: #0550ae; border-radius: 1em; padding: .15em .6em;
  vertical-align: middle; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; font-size: .92rem; }
dl.facts dt { color: #59636e; } dl.facts dd { margin: 0; }
.problems { background: #fff8c5; border: 1px solid #d4a72c; border-radius: 6px; padding: 0 .8rem; }
.chart-figure { margin: 1rem 0 1.5rem; } .chart { min-height: 60px; overflow-x: auto; }
.hint { color: #59636e; font-size: .88rem; }
details { margin: .6rem 0; } summary { cursor: pointer; font-weight: 600; }
blockquote { margin: .6rem 0; padding: 0 1rem; color: #59636e; border-left: .25em solid #d0d7de; }
nav { margin-bottom: .5rem; font-size: .92rem; }
footer { margin-top: 3rem; color: #59636e; font-size: .82rem; border-top: 1px solid #eaeef2; padding-top: .6rem; }
`;

export function writeAssets(siteDir: string): void {
  const dir = join(siteDir, 'assets');
  mkdirSync(dir, { recursive: true });
  for (const [pkg, file] of VEGA_FILES) copyFileSync(findBuildFile(pkg, file), join(dir, file));
  writeFileSync(join(dir, 'site.js'), SITE_JS);
  writeFileSync(join(dir, 'site.css'), SITE_CSS);
}
