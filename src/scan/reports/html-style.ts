// The stylesheet of the HTML scan report, inline because the report loads nothing (its CSP is
// `default-src 'none'`): it must read the same offline, attached to a ticket or opened from CI.

export const SCAN_HTML_STYLE = `
:root { color-scheme: light dark; --fg: #1b1f24; --bg: #fff; --muted: #59636e; --line: #d1d9e0; --panel: #f6f8fa;
  --critical: #8b0000; --high: #cf222e; --medium: #9a6700; --low: #0969da; --info: #59636e; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1; --line: #3d444d; --panel: #151b23;
  --critical: #ff7b72; --high: #f85149; --medium: #d29922; --low: #4493f8; --info: #9198a1; } }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 80rem; padding: 1.5rem; font: 15px/1.5 system-ui, sans-serif; color: var(--fg); background: var(--bg); }
h1 { font-size: 1.5rem; margin: 0 0 .75rem; } h2 { font-size: 1.2rem; margin: 2rem 0 .75rem; }
h3 { font-size: 1rem; margin: 1rem 0 .25rem; } h4 { font-size: .9rem; margin: .75rem 0 .25rem; color: var(--muted); }
h5 { font-size: .85rem; margin: .5rem 0 .2rem; color: var(--muted); }
dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0; }
dl.summary dt { color: var(--muted); } dl.summary dd { margin: 0; overflow-wrap: anywhere; }
.banner { padding: .6rem 1rem; border-radius: 6px; margin: 1rem 0; border: 1px solid var(--line); }
.banner.partial { border-color: var(--medium); color: var(--medium); font-weight: 600; }
.banner.complete { border-color: var(--line); }
.cards { display: flex; flex-wrap: wrap; gap: .75rem; margin: 1rem 0; }
.card { min-width: 7.5rem; padding: .6rem 1rem; border: 1px solid var(--line); border-top: 4px solid currentColor; border-radius: 6px; background: var(--panel); }
.card .count { display: block; font-size: 1.8rem; font-weight: 700; } .card .label { text-transform: capitalize; }
.sev-critical { color: var(--critical); } .sev-high { color: var(--high); } .sev-medium { color: var(--medium); }
.sev-low { color: var(--low); } .sev-info { color: var(--info); }
.badge { font-weight: 700; text-transform: uppercase; font-size: .8rem; }
table { width: 100%; border-collapse: collapse; } th, td { text-align: left; vertical-align: top; padding: .45rem .5rem; border-bottom: 1px solid var(--line); }
th { color: var(--muted); font-weight: 600; } td.finding { width: 55%; }
code, pre { font: 13px/1.45 ui-monospace, SFMono-Regular, Menlo, monospace; }
pre { margin: .25rem 0; padding: .6rem; background: var(--panel); border: 1px solid var(--line); border-radius: 6px;
  overflow: auto; max-height: 24rem; white-space: pre-wrap; overflow-wrap: anywhere; }
details > summary { cursor: pointer; } details[open] > summary { margin-bottom: .5rem; }
.exchange { border-left: 3px solid var(--line); padding-left: .75rem; margin: .75rem 0; }
.muted { color: var(--muted); } .tentative { font-style: italic; color: var(--muted); }
`;
