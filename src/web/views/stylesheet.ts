/**
 * The one stylesheet, served from `/assets/app.css` (the CSP allows styles from this server only,
 * so there is no inline `style`). Plain CSS: no build step.
 */
export const STYLESHEET = `
:root{--fg:#1c2430;--muted:#5b6675;--line:#dde2ea;--bg:#f6f7f9;--card:#fff;--accent:#2c5aa0;--accent-bg:#eaf0fa;
--add:#136c33;--add-bg:#dcf3e3;--del:#a3221c;--del-bg:#fbe3e1;--warn:#8a5a00;--warn-bg:#fff3d6}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--accent)}a:hover{text-decoration-thickness:2px}
header.top{display:flex;flex-wrap:wrap;align-items:center;gap:.4rem 2rem;padding:.6rem 1.5rem;background:#1f2d3d;color:#fff}
header.top a{color:#dfe7f1;text-decoration:none}header.top a.brand{font-weight:700;color:#fff;letter-spacing:.02em}
header.top nav{display:flex;gap:1.25rem}header.top nav a[aria-current=page]{color:#fff;border-bottom:2px solid #7fb0ff}
main{max-width:72rem;margin:0 auto;padding:1.25rem 1.5rem 3rem}
h1{font-size:1.45rem;margin:.5rem 0 .75rem;line-height:1.3}
h2{font-size:1.1rem;margin:1.75rem 0 .6rem;padding-bottom:.25rem;border-bottom:1px solid var(--line)}
h3{font-size:1rem;margin:1.1rem 0 .35rem}
.muted{color:var(--muted)}.small{font-size:.88em}
details.sentence{font-size:.85em;color:var(--muted)}details.sentence summary{cursor:pointer}details.sentence q{display:block;max-width:40em}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:1rem 1.25rem;margin:1rem 0}
.summary{background:var(--accent-bg);border-left:4px solid var(--accent);padding:.55rem .9rem;border-radius:0 6px 6px 0;margin:.75rem 0}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1.25rem;margin:0}
dl.meta dt{font-weight:600;color:var(--muted)}dl.meta dd{margin:0;overflow-wrap:anywhere}
table{border-collapse:collapse;width:100%;background:var(--card);font-size:.94em}
th,td{border-bottom:1px solid var(--line);padding:.45rem .6rem;text-align:left;vertical-align:top}
th{background:#eef1f5;font-weight:600;color:#3a4554;white-space:nowrap}
td.value{white-space:nowrap}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr:hover td{background:#fafbfd}
.badge{display:inline-block;padding:.05rem .5rem;border-radius:999px;font-size:.8em;font-weight:600;white-space:nowrap}
.state-new{background:var(--warn-bg);color:var(--warn)}.state-reviewed{background:var(--add-bg);color:var(--add)}
.state-dismissed{background:#eceff3;color:var(--muted)}
.outcome-ok{background:var(--add-bg);color:var(--add)}.outcome-bad{background:var(--del-bg);color:var(--del)}
.kind-added{color:var(--add);font-weight:600}.kind-removed{color:var(--del);font-weight:600}.kind-changed{color:var(--warn);font-weight:600}
.delta-up{color:var(--add)}.delta-down{color:var(--del)}
del{background:var(--del-bg);color:var(--del);text-decoration:line-through;text-decoration-color:#d8847f}
ins{background:var(--add-bg);color:var(--add);text-decoration:none}
.hunk{margin:.35rem 0;padding:.45rem .7rem;background:var(--card);border:1px solid var(--line);border-left:3px solid #b8c2d0;border-radius:4px}
.split{display:grid;grid-template-columns:1fr 1fr;gap:.6rem}.split .hunk{margin:.2rem 0}
.split-head{font-weight:600;color:var(--muted);font-size:.85em}
ul.added li::marker{content:"+ ";color:var(--add);font-weight:700}ul.removed li::marker{content:"− ";color:var(--del);font-weight:700}
form.filters{display:flex;flex-wrap:wrap;gap:.6rem 1rem;align-items:flex-end;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.75rem 1rem;margin:0 0 1rem}
form.filters label{display:flex;flex-direction:column;font-size:.85em;color:var(--muted);gap:.15rem}
input,select,textarea,button{font:inherit}
input,select,textarea{border:1px solid #c4ccd8;border-radius:5px;padding:.3rem .45rem;background:#fff;color:var(--fg)}
textarea{width:100%;min-height:4.5rem}
button,.button{display:inline-block;border:1px solid var(--accent);background:var(--accent);color:#fff;border-radius:5px;padding:.35rem .9rem;cursor:pointer;text-decoration:none}
button.secondary,.button.secondary{background:#fff;color:var(--accent)}
.review .actions{display:flex;gap:.5rem;margin-top:.6rem;flex-wrap:wrap}
.flash{padding:.5rem .8rem;border-radius:6px;background:var(--add-bg);color:var(--add)}.flash.error{background:var(--del-bg);color:var(--del)}
.pager{display:flex;gap:1rem;margin:1rem 0}
.toggle{display:inline-flex;border:1px solid var(--line);border-radius:6px;overflow:hidden;font-size:.88em;margin-left:.5rem}
.toggle a{padding:.15rem .6rem;text-decoration:none}.toggle a[aria-current=true]{background:var(--accent);color:#fff}
.section-text p{margin:.35rem 0 .6rem;max-width:48rem}
.chart{display:block;margin:0 0 1rem;background:#fff;border:1px solid var(--line);border-radius:8px;padding:.5rem;max-width:calc(760px + 1rem + 2px)}
.chart img{display:block;width:100%;height:auto}
.row{display:flex;gap:1rem;flex-wrap:wrap;align-items:baseline;justify-content:space-between}
form.login{display:flex;flex-direction:column;gap:.75rem;max-width:22rem}
nav.tags{display:flex;flex-wrap:wrap;gap:.35rem;align-items:center;margin:0 0 1rem}
.tag{display:inline-block;padding:0 .5rem;border:1px solid var(--line);border-radius:999px;background:var(--card);font-size:.82em;text-decoration:none;white-space:nowrap}
.tag.active{background:var(--accent);border-color:var(--accent);color:#fff}.tag-list{display:inline-flex;flex-wrap:wrap;gap:.25rem;margin-left:.35rem}
.empty{padding:1.5rem;text-align:center;color:var(--muted);background:var(--card);border:1px dashed var(--line);border-radius:8px}
/* Narrow screens: nothing wider than the screen. Tables scroll in their own box, long words and
   URLs wrap anywhere, side-by-side layouts stack. */
.scroll{overflow-x:auto;max-width:100%;margin:0 0 1rem}.scroll>table{margin:0}
h1,h2,h3,p,li,dd,td,q,blockquote,summary,label,.url,.series-id{overflow-wrap:anywhere}
input,select{max-width:100%}
/* A cell keeps a readable width; a table wider than the screen scrolls in its box instead. */
td{min-width:5.5rem}td.num,td[class^=kind-]{min-width:0}td[class^=kind-]{white-space:nowrap}
table.figures td:nth-child(2),table.figure-list td.label,table.changes td:last-child,table.sources td:first-child{min-width:11rem}td:has(>.url){min-width:16rem}
.series-id{font-size:.8em;color:var(--muted)}.series-id code{font-size:1em}
blockquote.sentence{margin:.5rem 0 1rem;padding:.4rem .8rem;border-left:3px solid var(--line);color:var(--muted);max-width:48rem}
ul.section-texts>li{margin:.4rem 0 .9rem}.section-body{margin:.25rem 0 0}.section-body p{margin:.3rem 0;max-width:48rem}
details.more summary{cursor:pointer;color:var(--accent);font-size:.9em}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
svg.spark{display:block}td.pick{min-width:0;width:1.5rem}td.trend{min-width:0}table.facts td.label{min-width:11rem}table.facts div.removed{color:var(--del);font-size:.85em}
ul.legend{list-style:none;padding:0;margin:.25rem 0 .6rem;display:flex;flex-wrap:wrap;gap:.3rem 1.25rem}ul.legend li{overflow-wrap:anywhere}ul.legend svg{vertical-align:middle}
table.evidence td.value{white-space:normal;min-width:8rem}td.proof{min-width:16rem}td.proof>div{margin:0 0 .2rem}code.hash{overflow-wrap:anywhere;word-break:break-all}
details.cite summary{cursor:pointer;color:var(--accent);display:inline-block}
p.citation{margin:.3rem 0;padding:.4rem .6rem;background:#f3f5f8;border-radius:4px;max-width:40rem;font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.92em;overflow-wrap:anywhere;user-select:all}
@media (max-width:40rem){
main{padding:1rem .75rem 2.5rem}header.top{padding:.6rem .75rem}
.split{grid-template-columns:1fr}.split-head{display:none}
.split p.hunk:nth-of-type(odd)::before{content:"Before: ";font-weight:600;color:var(--muted)}
.split p.hunk:nth-of-type(even)::before{content:"After: ";font-weight:600;color:var(--muted)}
dl.meta{grid-template-columns:1fr;gap:0}dl.meta dd{margin-bottom:.45rem}
.card{padding:.75rem .8rem}
/* A point's evidence is read whole on a phone: each point a block, its cells one under another. */
table.evidence thead{display:none}
table.evidence,table.evidence tbody,table.evidence tr,table.evidence td{display:block;min-width:0}
table.evidence tr{border-bottom:1px solid var(--line);padding:.35rem 0}table.evidence td{border:0;padding:.1rem .6rem}
}
`.trim();
