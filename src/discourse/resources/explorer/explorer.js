// discourse topic explorer: reads the inline JSON #data and draws the page (no libraries).
const D = JSON.parse(document.getElementById('data').textContent);
let cur = 1;
const fmt = (v, d) => v === null ? '' : v.toFixed(d);
function esc(s){return String(s).replace(/[&<>"]/g, c => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]));}
function drawMap(){
  const W = 420, H = 420, pad = 50, T = D.topics;
  const xs = T.map(t => t.x), ys = T.map(t => t.y);
  const span = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys), 1e-9);
  const cx = (Math.max(...xs) + Math.min(...xs)) / 2, cy = (Math.max(...ys) + Math.min(...ys)) / 2;
  const sx = x => W / 2 + (x - cx) / span * (W - 2 * pad), sy = y => H / 2 - (y - cy) / span * (H - 2 * pad);
  let s = `<svg width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">`;
  for (const t of T){
    const r = 6 + 40 * Math.sqrt(t.prevalence);
    s += `<circle data-t="${t.topic}" class="${t.topic === cur ? 'sel' : 'off'}" cx="${sx(t.x)}" cy="${sy(t.y)}" r="${r}"><title>${esc(t.label)}</title></circle>`;
    s += `<text class="lab" x="${sx(t.x)}" y="${sy(t.y)}">${t.topic}</text>`;
  }
  s += '</svg>';
  document.getElementById('map').innerHTML = s;
  document.querySelectorAll('#map circle').forEach(c => c.onclick = () => select(+c.dataset.t));
}
function relevance(t, lam){
  return t.terms.map((w, i) => ({w, phi: t.phi[i], rel: lam * Math.log(t.phi[i]) + (1 - lam) * Math.log(t.phi[i] / t.p[i]), a: t.in_topic[i], b: t.in_corpus[i]}))
    .sort((x, y) => y.rel - x.rel || (x.w < y.w ? -1 : 1)).slice(0, D.model.n_show);
}
function drawTerms(){
  const lam = +document.getElementById('lambda').value;
  document.getElementById('lamval').textContent = lam.toFixed(2);
  const t = D.topics[cur - 1], rows = relevance(t, lam);
  const W = 440, rh = 15, left = 130, H = rows.length * rh + 30;
  const max = Math.max(...rows.map(r => r.b));
  let s = `<svg width="${W}" height="${H}">`;
  rows.forEach((r, i) => {
    const y = 20 + i * rh, wb = (W - left - 10) * r.b / max, wa = (W - left - 10) * r.a / max;
    s += `<text class="term" x="${left - 4}" y="${y + 11}" text-anchor="end">${esc(r.w)}</text>`;
    s += `<rect class="bar" x="${left}" y="${y}" width="${wb}" height="${rh - 3}"><title>corpus: ${r.b.toFixed(0)}</title></rect>`;
    s += `<rect class="bar2" x="${left}" y="${y}" width="${wa}" height="${rh - 3}"><title>topic: ${r.a.toFixed(1)}, p(w|t)=${r.phi.toFixed(4)}</title></rect>`;
  });
  s += `<text x="${left}" y="12" class="small">grey: count in corpus; red: estimated count in topic ${cur}</text></svg>`;
  document.getElementById('terms').innerHTML = `<h3>Topic ${cur}: ${esc(t.label)}</h3>` + s;
}
function drawTable(){
  let s = '<table><thead><tr><th>topic</th><th>label</th><th>prevalence</th><th>c_npmi</th><th>exclusivity</th><th>top terms (relevance, λ=0.6)</th><th>FREX</th></tr></thead><tbody>';
  for (const t of D.topics) s += `<tr data-t="${t.topic}" class="${t.topic === cur ? 'sel' : ''}"><td>${t.topic}</td><td>${esc(t.label)}</td><td>${fmt(t.prevalence, 3)}</td><td>${fmt(t.c_npmi, 3)}</td><td>${fmt(t.exclusivity, 2)}</td><td>${esc(t.top_terms)}</td><td>${esc(t.frex_terms)}</td></tr>`;
  document.getElementById('table').innerHTML = s + '</tbody></table>';
  document.querySelectorAll('#table tbody tr').forEach(r => r.onclick = () => select(+r.dataset.t));
}
function drawExtra(){
  let s = '';
  if (D.prevalence){
    const rows = D.prevalence.filter(r => r.topic === cur);
    s += `<h3>Prevalence of topic ${cur} by ${esc(D.by)}</h3><table><tr><th>${esc(D.by)}</th><th>share</th><th>95% interval</th><th>documents</th></tr>`;
    for (const r of rows) s += `<tr><td>${esc(r.group)}</td><td>${fmt(r.share, 3)}</td><td>${r.lo === null ? '' : fmt(r.lo, 3) + ' to ' + fmt(r.hi, 3)}</td><td>${r.n_docs}</td></tr>`;
    s += '</table>';
  }
  if (D.quotes){
    s += `<h3>Representative segments</h3>`;
    for (const q of D.quotes[String(cur)]) s += `<div class="quote">${esc(q.text)}<div class="small">${esc(q.doc_id)} · ${esc(q.seg_id)}${q.speaker ? ' · ' + esc(q.speaker) : ''} · share ${q.share.toFixed(2)}</div></div>`;
  }
  document.getElementById('extra').innerHTML = s;
}
function select(t){ cur = t; drawMap(); drawTerms(); drawTable(); drawExtra(); }
document.getElementById('lambda').oninput = drawTerms;
document.getElementById('prev').onclick = () => select(cur > 1 ? cur - 1 : D.topics.length);
document.getElementById('next').onclick = () => select(cur < D.topics.length ? cur + 1 : 1);
select(1);
