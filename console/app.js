/*
 * Vigie console: plain JavaScript, no build step. One page per hash route (#/tension, #/etablissement/ID,
 * #/alertes, #/acquitter/ALERT_ID, #/liste, #/liste/ID, #/ruptures, #/retex), all reading the HTTP API named in config.json:
 * under /api on the same origin for ./vigie console, the deployed HTTP API with a Cognito token (PKCE) otherwise.
 */
'use strict';

const LEVELS = { CRITICAL: 'Critique', WARNING: 'Vigilance', RECOVERED: 'Retour à la normale' };
/** The acknowledgement's actions (fr.vigie.domain.followup.AckAction), as staff read them. */
const ACK_ACTIONS = { URGENT_ORDER: 'commande urgente passée', LOAN_REQUESTED: 'dépannage demandé', SUBSTITUTE: 'produit de substitution', OTHER: 'autre' };
const EPIDEMICS = { FLU: 'Grippe', BRONCHIOLITIS: 'Bronchiolite', COVID: 'Covid-19' };
const REASONS = {
  COVERAGE_BELOW_WARNING: 'couverture sous le seuil de vigilance', COVERAGE_BELOW_CRITICAL: 'couverture sous le seuil critique',
  DELIVERY_OVERDUE: 'livraison en retard', SHORT_DELIVERY: 'livraison incomplète', SUPPLY_DISRUPTION: 'tension nationale',
  STOCK_OUT: 'stock épuisé', COVERAGE_RESTORED: 'couverture rétablie', SUPPLY_NOTICE: 'avis du fabricant'
};
/*
 * The 18 regions (INSEE codes and names as fr.vigie.domain.Region) as tiles placed roughly where they lie:
 * a schematic map drawn for Vigie, metropolitan France above, the overseas regions in their own row.
 */
const REGIONS = [
  ['28', 'NOR', 'Normandie', 1, 0], ['32', 'HDF', 'Hauts-de-France', 2, 0], ['44', 'GES', 'Grand Est', 3, 0],
  ['53', 'BRE', 'Bretagne', 0, 1], ['52', 'PDL', 'Pays de la Loire', 1, 1], ['11', 'IDF', 'Île-de-France', 2, 1],
  ['27', 'BFC', 'Bourgogne-Franche-Comté', 3, 1], ['75', 'NAQ', 'Nouvelle-Aquitaine', 1, 2], ['24', 'CVL', 'Centre-Val de Loire', 2, 2],
  ['84', 'ARA', 'Auvergne-Rhône-Alpes', 3, 2], ['76', 'OCC', 'Occitanie', 2, 3], ['93', 'PAC', "Provence-Alpes-Côte d'Azur", 3, 3],
  ['94', 'COR', 'Corse', 4, 3], ['01', 'GUA', 'Guadeloupe', 0, 4.5], ['02', 'MTQ', 'Martinique', 1, 4.5], ['03', 'GUY', 'Guyane', 2, 4.5],
  ['04', 'REU', 'La Réunion', 3, 4.5], ['06', 'MAY', 'Mayotte', 4, 4.5]
].map(([code, abbr, name, col, row]) => ({ code, abbr, name, col, row }));
const REGION_NAME = Object.fromEntries(REGIONS.map(r => [r.code, r.name]));

const state = { config: null, token: null, me: null, watchlist: null, facilities: null };

// ---------------------------------------------------------------- formatting (French conventions)
const DAY = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit', year: 'numeric' });
const DAY_TIME = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const fmtDay = iso => iso ? DAY.format(new Date(iso.length === 10 ? iso + 'T12:00:00Z' : iso)) : '—';
const fmtDayTime = iso => iso ? DAY_TIME.format(new Date(iso)).replace(' ', ' à ') : '—';
const fmtNum = (n, digits = 1) => n == null ? '—' : Number(n).toLocaleString('fr-FR', { maximumFractionDigits: digits });
const esc = s => String(s ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
const level = l => `<span class="level ${esc(l)}">${esc(LEVELS[l] || l)}</span>`;
const deviceName = id => (state.watchlist || []).find(e => e.deviceId === id)?.name || id;

// ---------------------------------------------------------------- sign-in (Cognito hosted UI, PKCE) and API calls
function b64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

async function signIn() {
  const auth = state.config.auth;
  if (auth.mode !== 'cognito') return;
  const params = new URLSearchParams(location.search);
  if (params.get('code') && sessionStorage.getItem('vigie.verifier')) {
    const body = new URLSearchParams({
      grant_type: 'authorization_code', client_id: auth.clientId, code: params.get('code'),
      redirect_uri: auth.redirectUri, code_verifier: sessionStorage.getItem('vigie.verifier')
    });
    const r = await fetch(`https://${auth.domain}/oauth2/token`, { method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    sessionStorage.removeItem('vigie.verifier');
    if (r.ok) sessionStorage.setItem('vigie.token', (await r.json()).id_token);
    history.replaceState(null, '', location.pathname + (sessionStorage.getItem('vigie.hash') || '#/tension'));
  }
  state.token = sessionStorage.getItem('vigie.token');
  if (!state.token) {
    const verifier = b64url(crypto.getRandomValues(new Uint8Array(32)));
    const challenge = b64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
    sessionStorage.setItem('vigie.verifier', verifier);
    sessionStorage.setItem('vigie.hash', location.hash);
    location.assign(`https://${auth.domain}/oauth2/authorize?` + new URLSearchParams({
      response_type: 'code', client_id: auth.clientId, redirect_uri: auth.redirectUri, scope: 'openid email profile',
      code_challenge_method: 'S256', code_challenge: challenge
    }));
    throw new Error('redirection vers la connexion');
  }
}

/** Calls the API; resolves to {status, body, etag}. A 401 with a token starts a fresh sign-in. */
async function api(path, options = {}) {
  const headers = Object.assign({ Accept: 'application/json' }, options.headers || {});
  if (state.token) headers.Authorization = 'Bearer ' + state.token;
  const r = await fetch(state.config.api + path, Object.assign({}, options, { headers }));
  const text = await r.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch (e) { body = { detail: text }; }
  if (r.status === 401 && state.token) {
    sessionStorage.removeItem('vigie.token');
    location.reload();
  }
  return { status: r.status, body, etag: r.headers.get('ETag') };
}

async function must(path) {
  const r = await api(path);
  if (r.status !== 200) throw problemError(r);
  return r.body;
}

function problemError(r) {
  const e = new Error((r.body && (r.body.detail || r.body.title)) || ('erreur ' + r.status));
  e.status = r.status;
  return e;
}

const problem = e => `<div class="problem" role="alert"><strong>Impossible d'afficher cette page.</strong> ${esc(e.message)}</div>`;

// ---------------------------------------------------------------- pages
const page = () => document.getElementById('page');

function render(html, title) {
  page().innerHTML = html;
  document.title = title + ' — Vigie';
}

async function route() {
  const [name, arg] = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  const current = name || 'tension';
  document.querySelectorAll('.top nav a').forEach(a =>
    a.dataset.page === current ? a.setAttribute('aria-current', 'page') : a.removeAttribute('aria-current'));
  try {
    switch (current) {
      case 'etablissement': await facilityPage(arg); break;
      case 'alertes': await alertsPage(); break;
      case 'acquitter': await ackPage(arg); break;
      case 'liste': await watchlistPage(arg); break;
      case 'ruptures': await disruptionsPage(); break;
      case 'retex': retexPage(); break;
      default: await tensionPage();
    }
  } catch (e) {
    render(problem(e), 'Erreur');
  }
  window.scrollTo(0, 0);
  page().focus({ preventScroll: true });
}

// ---- Tension: map of regions + open alerts
async function tensionPage() {
  const alerts = (await must('/alerts/open')).alerts;
  const own = state.me.region;
  const filters = { epidemic: '', device: '', region: own || '' };
  const devices = [...new Map(alerts.map(a => [a.deviceId, a.deviceName])).entries()].sort((a, b) => a[1].localeCompare(b[1], 'fr'));
  render(`
    <h1>Tensions en cours</h1>
    <p class="muted" id="summary"></p>
    <form class="filters" id="filters" aria-label="Filtrer les alertes ouvertes">
      <label>Épidémie<select name="epidemic"><option value="">Toutes</option>
        ${Object.entries(EPIDEMICS).map(([k, v]) => `<option value="${k}">${v}</option>`).join('')}</select></label>
      <label>Dispositif<select name="device"><option value="">Tous</option>
        ${devices.map(([id, n]) => `<option value="${esc(id)}">${esc(n)}</option>`).join('')}</select></label>
      <label>Région<select name="region"><option value="">Toutes</option>
        ${REGIONS.map(r => `<option value="${r.code}">${esc(r.name)}</option>`).join('')}</select></label>
    </form>
    <div class="grid">
      <section class="card map" aria-labelledby="map-title">
        <h2 id="map-title">Carte des régions</h2>
        <p class="muted">Chaque région est colorée selon son alerte ouverte la plus grave, avec le nombre d'alertes ouvertes. Cliquez (ou Entrée) sur une région pour n'afficher que ses alertes.</p>
        <div id="map"></div>
        <ul class="legend">
          <li><span class="sw" style="background:var(--critical)"></span>Critique</li>
          <li><span class="sw" style="background:var(--warning-fill)"></span>Vigilance</li>
          <li><span class="sw" style="background:var(--calm-fill)"></span>Aucune alerte ouverte</li>
        </ul>
      </section>
      <section aria-labelledby="list-title">
        <h2 id="list-title">Alertes ouvertes, les plus graves d'abord</h2>
        <div id="list" aria-live="polite"></div>
      </section>
    </div>`, 'Tensions');
  const form = document.getElementById('filters');
  form.region.value = filters.region;
  form.addEventListener('change', () => {
    filters.epidemic = form.epidemic.value; filters.device = form.device.value; filters.region = form.region.value;
    draw();
  });
  function draw() {
    const shown = alerts.filter(a => (!filters.epidemic || a.epidemics.includes(filters.epidemic))
      && (!filters.device || a.deviceId === filters.device));
    drawMap(shown, filters.region, code => { filters.region = filters.region === code ? '' : code; form.region.value = filters.region; draw(); });
    const listed = shown.filter(a => !filters.region || a.region === filters.region);
    if (own) listed.sort((a, b) => (b.region === own) - (a.region === own));
    document.getElementById('summary').textContent = `${alerts.length} alerte(s) ouverte(s) au total`
      + (own ? ` — votre région : ${REGION_NAME[own] || own}` : '') + '.';
    document.getElementById('list').innerHTML = openAlertsTable(listed, filters.region);
  }
  draw();
}

function drawMap(alerts, selected, onPick) {
  const W = 120, H = 84, GAP = 8;
  const byRegion = {};
  alerts.forEach(a => {
    const r = byRegion[a.region] || (byRegion[a.region] = { count: 0, worst: 'WARNING' });
    r.count++;
    if (a.level === 'CRITICAL') r.worst = 'CRITICAL';
  });
  const tiles = REGIONS.map(r => {
    const x = r.col * (W + GAP) + 4, y = r.row * (H + GAP) + 4;
    const info = byRegion[r.code];
    const cls = info ? info.worst : 'none';
    const label = `${r.name} : ${info ? info.count + ' alerte(s) ouverte(s), niveau le plus grave ' + LEVELS[info.worst].toLowerCase() : 'aucune alerte ouverte'}`;
    return `<g class="tile ${cls}${selected === r.code ? ' selected' : ''}" data-region="${r.code}" tabindex="0" role="button"
        aria-pressed="${selected === r.code}" aria-label="${esc(label)}"><title>${esc(label)}</title>
      <rect x="${x}" y="${y}" width="${W}" height="${H}" rx="8"></rect>
      ${tileLines(r.name).map((l, i) => `<text x="${x + 7}" y="${y + 21 + i * 18}">${esc(l)}</text>`).join('')}
      <text class="count" x="${x + W - 12}" y="${y + H - 12}" text-anchor="end">${info ? info.count : '0'}</text></g>`;
  }).join('');
  const height = 5.5 * (H + GAP) + 8;
  document.getElementById('map').innerHTML = `<svg viewBox="0 0 ${5 * (W + GAP) + 8} ${height}" role="group" aria-label="Carte schématique des régions">
      <text class="group" x="6" y="${4.5 * (H + GAP) - 10}">Outre-mer</text>${tiles}</svg>`;
  document.querySelectorAll('#map .tile').forEach(t => {
    t.addEventListener('click', () => onPick(t.dataset.region));
    t.addEventListener('keydown', e => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); onPick(t.dataset.region); } });
  });
  if (selected && document.activeElement?.closest?.('#map')) {
    document.querySelector(`#map .tile[data-region="${selected}"]`)?.focus({ preventScroll: true });
  }
}

/** A region's name wrapped for a tile: lines of 13 characters at most, cut after a space or a hyphen. */
function tileLines(name) {
  const words = name.match(/[^ -]+[ -]?/g);
  const lines = [''];
  words.forEach(w => {
    if (lines[lines.length - 1] && (lines[lines.length - 1] + w).trim().length > 13) lines.push('');
    lines[lines.length - 1] += w;
  });
  return lines.map(l => l.trim());
}

function openAlertsTable(rows, region) {
  if (!rows.length) {
    return `<p class="empty">Aucune alerte ouverte${region ? ' en ' + esc(REGION_NAME[region] || region) : ''} avec ces filtres.</p>`;
  }
  return `<div class="table-wrap"><table id="open-alerts">
    <caption>${rows.length} alerte(s)${region ? ' — ' + esc(REGION_NAME[region] || region) : ''}</caption>
    <thead><tr><th scope="col">Établissement</th><th scope="col">Dispositif</th><th scope="col">Niveau</th>
      <th scope="col">Couverture projetée<br><span class="muted">rupture projetée</span></th>
      <th scope="col">Ouverte depuis<br><span class="muted">dernier relevé</span></th><th scope="col">Acquittement</th></tr></thead>
    <tbody>${rows.map(a => `<tr data-region="${esc(a.region)}">
      <td><a href="#/etablissement/${encodeURIComponent(a.facilityId)}">${esc(a.facilityName)}</a><br><span class="muted">${esc(a.regionLabel)}</span></td>
      <td>${esc(a.deviceName)}</td><td>${level(a.level)}</td>
      <td><strong>${a.coverageDays == null ? '—' : fmtNum(a.coverageDays) + ' jours'}</strong><br><span class="muted">${a.projectedStockout ? 'rupture le ' + fmtDay(a.projectedStockout) : 'pas de rupture projetée'}</span></td>
      <td>${fmtDay(a.since)}<br><span class="muted">relevé du ${fmtDayTime(a.lastReport)}</span></td>
      <td>${acknowledged(a.acknowledgement)}${a.alertId ? `<br><a href="#/acquitter/${encodeURIComponent(a.alertId)}">${a.acknowledgement
        ? 'détail' : 'acquitter'}${a.level === 'CRITICAL' ? ', voisins' : ''}</a>` : ''}</td>
    </tr>`).join('')}</tbody></table></div>`;
}

/** An acknowledgement in words: action, who, when; "non acquittée" when there is none. */
function acknowledged(ack) {
  if (!ack) return '<span class="muted">non acquittée</span>';
  return `${esc(ACK_ACTIONS[ack.action] || ack.action)} — ${esc(ack.by)}, le ${fmtDayTime(ack.at)}${ack.note ? `<br><span class="muted">${esc(ack.note)}</span>` : ''}`;
}

// ---- Acknowledge: one open alert, who could lend (CRITICAL), the form ("seen, we act")
async function ackPage(alertId) {
  const open = (await must('/alerts/open')).alerts.find(a => a.alertId === alertId);
  const near = await api(`/alerts/${encodeURIComponent(alertId)}/neighbours`);
  const neighbours = near.status === 200 ? near.body.neighbours : [];
  render(`<h1>Acquitter une alerte</h1>
    <p class="muted">Référence ${esc(alertId)}</p>
    ${open ? `<p>${esc(open.facilityName)} — ${esc(open.deviceName)} : ${level(open.level)}, couverture projetée
      ${open.coverageDays == null ? '—' : fmtNum(open.coverageDays) + ' jours'}, ouverte le ${fmtDay(open.since)}.</p>
      <p>Acquittement : <span id="ack-state">${acknowledged(open.acknowledgement)}</span></p>`
      : '<p class="empty">Cette alerte n\'est plus ouverte (close ou remplacée par un niveau plus récent).</p>'}
    ${neighbours.length ? `<section aria-labelledby="near-title"><h2 id="near-title">Établissements de la région qui pourraient dépanner</h2>
      <ul id="neighbours">${neighbours.map(n => `<li>${esc(n.name || n.facilityId)} : ${fmtNum(n.coverageDays)} jours de couverture projetée${n.contact
        ? ' — ' + esc(n.contact) : ''}</li>`).join('')}</ul></section>` : ''}
    ${open && !open.acknowledgement ? `<form id="ack" class="filters" aria-label="Acquitter l'alerte">
      <label>Action<select name="ackAction">${Object.entries(ACK_ACTIONS).map(([k, v]) => `<option value="${k}">${esc(v)}</option>`).join('')}</select></label>
      <label>Note (facultative)<input type="text" name="note" maxlength="500"></label>
      <button type="submit">Acquitter</button></form><div id="ack-result" aria-live="polite"></div>` : ''}`, 'Acquitter');
  const form = document.getElementById('ack');
  if (!form) return;
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const r = await api(`/alerts/${encodeURIComponent(alertId)}/ack`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ action: form.elements.ackAction.value, note: form.elements.note.value || null }) });
    document.getElementById('ack-result').innerHTML = r.status === 200 || r.status === 201
      ? `<p class="ok" role="status">Alerte acquittée : ${acknowledged(r.body)}</p>`
      : `<div class="problem" role="alert">${esc(r.body?.detail || 'erreur ' + r.status)}</div>`;
    if (r.status === 200 || r.status === 201) {
      form.remove();
      document.getElementById('ack-state').innerHTML = acknowledged(r.body);
    }
  });
}

// ---- Facility: each device's coverage curve
async function facilityPage(facilityId) {
  const facilities = state.me.operator ? await facilityList() : [{ facilityId: state.me.facilityId, name: state.me.facilityId }];
  const id = facilityId || (state.me.operator ? '' : state.me.facilityId);
  render(`<h1>Établissement</h1>
    <form class="filters" id="pick"><label>Établissement<select name="facility"><option value="">Choisir…</option>
      ${facilities.map(f => `<option value="${esc(f.facilityId)}">${esc(facilityLabel(f))}</option>`).join('')}</select></label></form>
    <div id="facility"></div>`, 'Établissement');
  const form = document.getElementById('pick');
  form.facility.value = id;
  form.addEventListener('change', () => { location.hash = '#/etablissement/' + encodeURIComponent(form.facility.value); });
  if (!id) {
    document.getElementById('facility').innerHTML = '<p class="empty">Choisissez un établissement pour voir la courbe de couverture de chacun de ses dispositifs.</p>';
    return;
  }
  const facility = facilities.find(f => f.facilityId === id);
  const entries = state.watchlist.filter(e => e.active !== false);
  const series = await Promise.all(entries.map(e => api(`/facilities/${encodeURIComponent(id)}/series/${encodeURIComponent(e.deviceId)}`)));
  const found = series.filter(r => r.status === 200).map(r => r.body);
  document.title = (facility?.name || id) + ' — Vigie';
  document.getElementById('facility').innerHTML = `
    <h2>${esc(facility ? facilityLabel(facility) : id)}${facility?.region ? ` <span class="muted">— ${esc(REGION_NAME[facility.region] || facility.region)}</span>` : ''}</h2>
    ${found.length ? `<p class="muted">Saison ${esc(found[0].season)} jusqu'au dernier relevé ; après lui, la projection (trait tireté) et sa bande.</p>
      <div class="curves">${found.map(curve).join('')}</div>` : '<p class="empty">Aucun relevé pour cet établissement.</p>'}`;
}

const facilityLabel = f => f.name && f.name !== f.facilityId ? `${f.name} (${f.facilityId})` : f.facilityId;

async function facilityList() {
  if (!state.facilities) {
    const r = await api('/facilities');
    state.facilities = r.status === 200 ? r.body : [];
  }
  return state.facilities.slice().sort((a, b) => (a.name || a.facilityId).localeCompare(b.name || b.facilityId, 'fr'));
}

/** A round step (1, 2 or 5 times a power of ten) near {@code rough}. */
function niceStep(rough) {
  const p = Math.pow(10, Math.floor(Math.log10(rough)));
  return [1, 2, 5, 10].map(m => m * p).find(v => v >= rough) || 10 * p;
}

/** One device's curve: stock, projection and band, thresholds (days × forecast use), deliveries, alerts. */
function curve(s) {
  const W = 640, H = 300, L = 56, R = 14, T = 14, B = 40;
  const points = s.snapshots.map(p => ({ t: Date.parse(p.timestamp), v: p.onHand, received: p.received }));
  const o = s.outlook;
  const ahead = o.days.map(d => ({ t: Date.parse(d.date + 'T05:00:00Z'), v: d.stock, lo: d.stockLow, hi: d.stockHigh }));
  const last = points[points.length - 1];
  const warn = s.thresholds.warningDays * o.dailyUse, crit = s.thresholds.criticalDays * o.dailyUse;
  const t0 = points[0].t, t1 = ahead.length ? ahead[ahead.length - 1].t : last.t;
  const step = niceStep(Math.max(1, ...points.map(p => p.v), ...ahead.map(p => p.hi), warn) / 4);
  const vmax = step * Math.ceil(Math.max(1, ...points.map(p => p.v), ...ahead.map(p => p.hi), warn) * 1.04 / step);
  const x = t => L + (t - t0) / Math.max(1, t1 - t0) * (W - L - R);
  const y = v => T + (1 - v / vmax) * (H - T - B);
  const line = pts => pts.map((p, i) => (i ? 'L' : 'M') + x(p.t).toFixed(1) + ',' + y(p.v).toFixed(1)).join('');
  const band = ahead.length ? 'M' + x(last.t) + ',' + y(last.v) + ahead.map(p => 'L' + x(p.t).toFixed(1) + ',' + y(p.hi).toFixed(1)).join('')
    + ahead.slice().reverse().map(p => 'L' + x(p.t).toFixed(1) + ',' + y(p.lo).toFixed(1)).join('') + 'Z' : '';
  const yTicks = [];
  for (let v = 0; v <= vmax + 1e-9; v += step) yTicks.push(v);
  const months = [];
  for (let d = new Date(t0); d.getTime() <= t1; d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1))) {
    const first = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    if (first >= t0) months.push(first);
  }
  const deliveries = points.filter(p => p.received > 0);
  const alertMarks = s.alerts.map(a => ({ t: Date.parse(a.at), level: a.level }));
  const unit = esc(s.unit);
  const summary = `${esc(s.deviceName)} : stock de ${fmtNum(last.v, 0)} ${unit} au ${fmtDay(new Date(last.t).toISOString())}, `
    + `consommation prévue ${fmtNum(o.dailyUse)} ${unit} par jour, couverture projetée ${fmtNum(o.coverageDays)} jours`
    + (o.projectedStockout ? ` (rupture projetée le ${fmtDay(o.projectedStockout)})` : ' (pas de rupture projetée)')
    + ` en comptant ses commandes habituelles ; sans nouvelle commande, le stock dure `
    + (o.shelfDays == null ? `plus de ${o.days.length} jours` : `${fmtNum(o.shelfDays)} jours`)
    + `. Seuils : vigilance ${s.thresholds.warningDays} jours, critique ${s.thresholds.criticalDays} jours. `
    + `${deliveries.length} livraison(s) reçue(s), ${s.alerts.length} changement(s) de niveau d'alerte cette saison.`;
  return `<figure class="curve card" data-device="${esc(s.deviceId)}">
    <svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(summary)}">
      ${yTicks.map(v => `<line class="grid" x1="${L}" x2="${W - R}" y1="${y(v)}" y2="${y(v)}"></line>
        <text x="${L - 6}" y="${y(v) + 4}" text-anchor="end">${fmtNum(v, 0)}</text>`).join('')}
      ${months.map(m => `<line class="grid" x1="${x(m)}" x2="${x(m)}" y1="${T}" y2="${H - B}"></line>
        <text x="${x(m)}" y="${H - B + 16}" text-anchor="middle">${new Date(m).toLocaleDateString('fr-FR', { month: 'short', timeZone: 'UTC' })}</text>`).join('')}
      <line class="axis" x1="${L}" x2="${W - R}" y1="${H - B}" y2="${H - B}"></line><line class="axis" x1="${L}" x2="${L}" y1="${T}" y2="${H - B}"></line>
      <text x="${L}" y="${H - 6}">${unit}, jour par jour</text>
      ${band ? `<path class="band" d="${band}"></path>` : ''}
      <line class="warn" x1="${L}" x2="${W - R}" y1="${y(warn)}" y2="${y(warn)}"></line>
      <line class="crit" x1="${L}" x2="${W - R}" y1="${y(crit)}" y2="${y(crit)}"></line>
      ${alertMarks.map(a => `<line class="alert-${a.level}" x1="${x(a.t)}" x2="${x(a.t)}" y1="${T}" y2="${H - B}"><title>${LEVELS[a.level]} le ${fmtDay(new Date(a.t).toISOString())}</title></line>`).join('')}
      <path class="stock" d="${line(points)}"></path>
      ${ahead.length ? `<path class="forecast" d="${line([last].concat(ahead))}"></path>` : ''}
      <line class="today" x1="${x(last.t)}" x2="${x(last.t)}" y1="${T}" y2="${H - B}"></line>
      ${deliveries.map(p => `<path class="delivery" d="M${x(p.t) - 5},${H - B - 1} l5,-9 l5,9 z"><title>Livraison de ${fmtNum(p.received, 0)} ${unit} le ${fmtDay(new Date(p.t).toISOString())}</title></path>`).join('')}
    </svg>
    <figcaption><strong>${esc(s.deviceName)}</strong> — ${summary.substring(summary.indexOf(':') + 2)}
      <ul class="keys" aria-hidden="true"><li><i style="border-color:#0b4f9c"></i>stock</li><li><i style="border-color:#0b4f9c;border-top-style:dashed"></i>stock projeté sans nouvelle commande (bande : consommation ± écart)</li>
        <li><i style="border-color:#b86b00;border-top-style:dashed"></i>seuil de vigilance</li><li><i style="border-color:#a4161a;border-top-style:dashed"></i>seuil critique</li>
        <li><span style="color:#1f6f3d">▲</span> livraison</li><li><i style="border-color:#a4161a;width:0;height:1rem;border-top:0;border-left:2px solid #a4161a"></i>alerte</li></ul>
    </figcaption></figure>`;
}

// ---- Alerts: history with search, texts as sent
async function alertsPage() {
  const facilities = state.me.operator ? await facilityList() : [];
  render(`<h1>Historique des alertes</h1>
    <form class="filters" id="search" aria-label="Rechercher dans l'historique">
      ${state.me.operator ? `<label>Établissement<select name="facility"><option value="">Tous</option>
        ${facilities.map(f => `<option value="${esc(f.facilityId)}">${esc(f.name || f.facilityId)}</option>`).join('')}</select></label>` : ''}
      <label>Dispositif<select name="device"><option value="">Tous</option>
        ${state.watchlist.map(e => `<option value="${esc(e.deviceId)}">${esc(e.name)}</option>`).join('')}</select></label>
      <label>Niveau<select name="level"><option value="">Tous</option>
        ${Object.entries(LEVELS).map(([k, v]) => `<option value="${k}">${v}</option>`).join('')}</select></label>
      <label>Du<input type="date" name="from"></label><label>Au<input type="date" name="to"></label>
      <button type="submit">Rechercher</button>
    </form>
    <div id="results" aria-live="polite"></div>`, 'Alertes');
  const form = document.getElementById('search');
  const pages = [];
  async function load(cursor) {
    const q = new URLSearchParams();
    ['facility', 'device', 'level', 'from', 'to'].forEach(k => form[k] && form[k].value && q.set(k, form[k].value));
    q.set('size', '25');
    if (cursor) q.set('cursor', cursor);
    const r = await api('/alerts?' + q);
    const out = document.getElementById('results');
    if (r.status !== 200) {
      out.innerHTML = `<div class="problem" role="alert">${esc(r.body?.detail || 'erreur')}<ul>${(r.body?.errors || [])
        .map(e => `<li>${esc(e.field)} : ${esc(e.message)}</li>`).join('')}</ul></div>`;
      return;
    }
    out.innerHTML = historyTable(r.body.alerts) + `<div class="pager">
      <button type="button" class="secondary" id="prev" ${pages.length ? '' : 'disabled'}>Page précédente</button>
      <button type="button" class="secondary" id="next" ${r.body.next ? '' : 'disabled'}>Page suivante</button></div>`;
    document.getElementById('next').onclick = () => { pages.push(cursor); load(r.body.next); };
    document.getElementById('prev').onclick = () => load(pages.pop());
  }
  form.addEventListener('submit', e => { e.preventDefault(); pages.length = 0; load(null); });
  await load(null);
}

function historyTable(rows) {
  if (!rows.length) return '<p class="empty">Aucune alerte ne correspond à cette recherche.</p>';
  return `<div class="table-wrap"><table><caption>${rows.length} événement(s), du plus récent au plus ancien</caption>
    <thead><tr><th scope="col">Date</th><th scope="col">Établissement</th><th scope="col">Dispositif</th><th scope="col">Niveau</th>
      <th scope="col" class="num">Couverture</th><th scope="col">Rupture projetée</th><th scope="col">Motifs et textes envoyés</th></tr></thead>
    <tbody>${rows.map(r => `<tr><td>${fmtDayTime(r.event.at)}</td>
      <td><a href="#/etablissement/${encodeURIComponent(r.event.facilityId)}">${esc(r.facilityName)}</a></td>
      <td>${esc(r.deviceName)}</td><td>${level(r.event.level)}</td><td class="num">${fmtNum(r.event.coverageDays)} j</td>
      <td>${fmtDay(r.event.projectedStockout)}</td>
      <td>${r.event.reasons.map(x => esc(REASONS[x] || x)).join(', ')}
        <details class="texts"><summary>Textes envoyés</summary>
          <p><strong>Courriel : ${esc(r.texts.emailSubject)}</strong></p><pre>${esc(r.texts.emailBody)}</pre>
          <p><strong>SMS</strong></p><pre>${esc(r.texts.sms)}</pre></details></td></tr>`).join('')}</tbody></table></div>`;
}

// ---- Watch-list: entries, edit form with the changes shown, API errors by field, audit trail beside
async function watchlistPage(deviceId) {
  state.watchlist = await must('/watchlist');
  const list = `<div class="table-wrap"><table><caption>${state.watchlist.length} entrée(s)</caption>
    <thead><tr><th scope="col">Dispositif</th><th scope="col">Épidémies</th><th scope="col">Saison</th>
      <th scope="col" class="num">Vigilance</th><th scope="col" class="num">Critique</th><th scope="col">État</th><th scope="col">Version</th></tr></thead>
    <tbody>${state.watchlist.map(e => `<tr><td><a href="#/liste/${encodeURIComponent(e.deviceId)}">${esc(e.name)}</a><br><span class="muted">${esc(e.deviceId)}</span></td>
      <td>${e.epidemics.map(x => EPIDEMICS[x] || x).join(', ')}</td><td>${mmdd(e.season.start)} au ${mmdd(e.season.end)}</td>
      <td class="num">${e.thresholds.warningDays} j</td><td class="num">${e.thresholds.criticalDays} j</td>
      <td>${e.active ? 'surveillé' : 'désactivé'}</td><td>${e.version}</td></tr>`).join('')}</tbody></table></div>`;
  if (!deviceId) {
    render(`<h1>Liste surveillée</h1><p class="muted">Choisissez un dispositif pour modifier ses seuils ou sa saison.</p>${list}`, 'Liste surveillée');
    return;
  }
  const r = await api('/watchlist/' + encodeURIComponent(deviceId));
  if (r.status !== 200) throw problemError(r);
  if (!state.me.operator) {
    render(`<h1>Liste surveillée : ${esc(r.body.name)}</h1><p><a href="#/liste">← Toutes les entrées</a></p>
      <p class="notice">Seuils : vigilance sous ${r.body.thresholds.warningDays} jours de couverture, critique sous
      ${r.body.thresholds.criticalDays} jours ; saison du ${mmdd(r.body.season.start)} au ${mmdd(r.body.season.end)}.
      Seuls les opérateurs (ARS, agence nationale) modifient la liste surveillée.</p>${list}`, 'Liste surveillée');
    return;
  }
  render(`<h1>Liste surveillée : ${esc(r.body.name)}</h1>
    <p><a href="#/liste">← Toutes les entrées</a></p>
    <div class="split"><section class="card" aria-labelledby="edit-title"><h2 id="edit-title">Modifier l'entrée</h2><div id="editor"></div></section>
      <section class="audit" aria-labelledby="audit-title"><h2 id="audit-title">Historique des modifications</h2><div id="audit"></div></section></div>
    <h2>Toutes les entrées</h2>${list}`, 'Liste surveillée');
  editor(r.body);
  await audit(deviceId);
}

const mmdd = s => s ? s.split('-').reverse().join('/') : '—';
const FIELDS = [
  ['name', 'Nom du dispositif', e => e.name, (e, v) => { e.name = v; }, 'text'],
  ['thresholds.warningDays', 'Seuil de vigilance (jours de couverture)', e => e.thresholds.warningDays, (e, v) => { e.thresholds.warningDays = v; }, 'number'],
  ['thresholds.criticalDays', 'Seuil critique (jours de couverture)', e => e.thresholds.criticalDays, (e, v) => { e.thresholds.criticalDays = v; }, 'number'],
  ['season.start', 'Début de saison (MM-JJ)', e => e.season.start, (e, v) => { e.season.start = v; }, 'text'],
  ['season.end', 'Fin de saison (MM-JJ)', e => e.season.end, (e, v) => { e.season.end = v; }, 'text']
];

function editor(entry) {
  const box = document.getElementById('editor');
  box.innerHTML = `<form class="form" id="edit" novalidate>
    <fieldset><legend>${esc(entry.deviceId)} — version ${entry.version}</legend>
      ${FIELDS.map(([f, label, get, , type]) => `<label${f === 'name' ? ' class="wide"' : ''}>${label}
        <input name="${f}" id="f-${f}" type="text" ${type === 'number' ? 'inputmode="numeric"' : ''} value="${esc(get(entry))}" aria-describedby="e-${f}">
        <span class="field-error" id="e-${f}" role="alert"></span></label>`).join('')}
    </fieldset>
    <div id="changes" aria-live="polite"></div>
    <div id="outcome" aria-live="assertive"></div>
    <button type="submit">Enregistrer</button> <button type="button" class="secondary" id="reset">Annuler les changements</button>
  </form>`;
  const form = document.getElementById('edit');
  const draft = () => {
    const next = JSON.parse(JSON.stringify(entry));
    delete next.version; delete next.updatedAt; delete next.updatedBy;
    FIELDS.forEach(([f, , , set, type]) => {
      const raw = form.elements[f].value.trim();
      // sent as typed: a number when it reads as one, the text otherwise, so that the API names the field
      set(next, type === 'number' && /^-?\d+$/.test(raw) ? Number(raw) : raw);
    });
    return next;
  };
  const showChanges = () => {
    const next = draft();
    const changed = FIELDS.filter(([, , get]) => String(get(entry)) !== String(get(next)));
    document.getElementById('changes').innerHTML = changed.length
      ? `<div class="notice"><strong>Ce qui change :</strong><ul class="diff">${changed.map(([, label, get]) =>
        `<li>${label} : <del>${esc(get(entry))}</del> → <ins>${esc(get(next))}</ins></li>`).join('')}</ul></div>`
      : '<p class="muted">Aucun changement pour l\'instant.</p>';
  };
  form.addEventListener('input', showChanges);
  document.getElementById('reset').onclick = () => editor(entry);
  showChanges();
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    FIELDS.forEach(([f]) => { document.getElementById('e-' + f).textContent = ''; form.elements[f].removeAttribute('aria-invalid'); });
    const outcome = document.getElementById('outcome');
    const r = await api('/watchlist/' + encodeURIComponent(entry.deviceId), {
      method: 'PUT', body: JSON.stringify(draft()),
      headers: { 'Content-Type': 'application/json', 'If-Match': '"' + entry.version + '"' }
    });
    if (r.status === 200) {
      outcome.innerHTML = `<div class="success" role="status">Enregistré : version ${r.body.version}. La modification figure dans l'historique.</div>`;
      state.watchlist = null;
      entry = r.body;
      editor(entry);
      document.getElementById('outcome').innerHTML = outcome.innerHTML;
      await audit(entry.deviceId);
      state.watchlist = await must('/watchlist');
    } else if (r.status === 400 && r.body.errors) {
      let other = [];
      r.body.errors.forEach(e => {
        const span = document.getElementById('e-' + e.field);
        if (span) {
          span.textContent = e.message;
          form.elements[e.field].setAttribute('aria-invalid', 'true');
        } else other.push(e);
      });
      outcome.innerHTML = `<div class="problem" role="alert">La modification n'est pas enregistrée : corrigez le(s) champ(s) signalé(s).${
        other.length ? '<ul>' + other.map(e => `<li>${esc(e.field)} : ${esc(e.message)}</li>`).join('') + '</ul>' : ''}</div>`;
      const first = r.body.errors.find(e => form.elements[e.field]);
      if (first) form.elements[first.field].focus();
    } else if (r.status === 409) {
      outcome.innerHTML = `<div class="problem" role="alert"><strong>Quelqu'un d'autre a modifié cette entrée pendant que vous l'éditiez</strong>
        (elle est maintenant en version ${esc(r.body.currentVersion)}, vous partiez de la version ${entry.version}).
        Rien n'a été écrasé. Rechargez l'entrée pour voir sa version actuelle dans l'historique, puis refaites votre modification.
        <p><button type="button" id="reload">Recharger l'entrée</button></p></div>`;
      document.getElementById('reload').onclick = () => route();
      await audit(entry.deviceId);
    } else {
      outcome.innerHTML = `<div class="problem" role="alert">${esc(r.body?.detail || 'erreur ' + r.status)}</div>`;
    }
  });
}

async function audit(deviceId) {
  const box = document.getElementById('audit');
  const r = await api(`/watchlist/${encodeURIComponent(deviceId)}/audit`);
  if (r.status !== 200) {
    box.innerHTML = `<p class="muted">${esc(r.body?.detail || 'historique indisponible')}</p>`;
    return;
  }
  const changes = r.body.changes.slice().reverse();
  box.innerHTML = `<ol id="audit-list">${changes.map(c => `<li><strong>Version ${c.version}</strong> — ${fmtDayTime(c.at)} par ${esc(c.by)}
    <span class="muted">(${esc({ CREATE: 'création', REPLACE: 'modification', DEACTIVATE: 'désactivation', REPLAY: 'import' }[c.action] || c.action)})</span>
    ${diffOf(c.before, c.after)}</li>`).join('')}</ol>`;
}

function diffOf(before, after) {
  if (!before) return '';
  const rows = FIELDS.filter(([, , get]) => String(get(before)) !== String(get(after)))
    .map(([, label, get]) => `<li>${label} : <del>${esc(get(before))}</del> → <ins>${esc(get(after))}</ins></li>`);
  if (before.active !== after.active) rows.push(`<li>État : ${after.active ? 'réactivé' : 'désactivé'}</li>`);
  return rows.length ? `<ul class="diff">${rows.join('')}</ul>` : '';
}

// ---- Notices and national tension
async function disruptionsPage() {
  const r = await api('/disruptions');
  const rows = r.status === 200 ? r.body.disruptions : null;
  render(`<h1>Avis et tension nationale</h1>
    <h2>Tensions nationales d'approvisionnement en cours</h2>
    ${rows == null ? `<div class="problem">${esc(r.body?.detail || 'indisponible')}</div>` : rows.length ? `<div class="table-wrap"><table>
      <thead><tr><th scope="col">Dispositif</th><th scope="col">Nature</th><th scope="col">Constatée depuis</th><th scope="col">Dernière mise à jour</th><th scope="col">Établissements concernés</th></tr></thead>
      <tbody>${rows.map(d => `<tr><td>${esc(d.deviceName)}</td>
        <td>${d.event.kind === 'DELAY' ? `retards de livraison (${fmtNum(d.event.typicalDelayDays, 0)} jours typiquement)` : `livraisons rationnées (${fmtNum((d.event.deliveredFraction || 0) * 100, 0)} % livrés)`}</td>
        <td>${fmtDay(d.event.firstSeen)}</td><td>${fmtDay(d.event.at)}</td><td>${d.facilityNames.map(esc).join(', ')}</td></tr>`).join('')}</tbody></table></div>`
      : '<p class="empty">Aucune tension nationale d\'approvisionnement ouverte.</p>'}
    <h2>Avis des fabricants</h2>
    <p class="empty">Les avis des fabricants (ruptures annoncées, rappels) ne sont pas encore reçus par Vigie : cette section les affichera dès qu'ils le seront.</p>`,
  'Avis et tension nationale');
}

// ---- Season review (RETEX)
function retexPage() {
  const retex = state.config.retex || { files: [] };
  const report = retex.files.find(f => f.endsWith('.html'));
  render(`<h1>Bilan de saison (RETEX)</h1>
    ${retex.files.length ? `${report ? `<p><a href="${esc(retex.base + report)}">Ouvrir le rapport de la saison</a> (page autonome, courbes par dispositif et région)</p>` : ''}
      <h2>Fichiers à télécharger</h2><ul>${retex.files.filter(f => f !== report).map(f => `<li><a href="${esc(retex.base + f)}" download>${esc(f)}</a></li>`).join('')}</ul>
      <p class="muted">Fichiers CSV au format Excel français (UTF-8 avec BOM, point-virgule, virgule décimale).</p>`
    : `<p class="empty">Aucun bilan de saison publié ici. En local : <code>./vigie retex --season 2025-2026 --out retex</code>, puis
      <code>./vigie console --retex retex</code>. Dans le cloud, l'export annuel du 1er septembre le dépose dans le compartiment des rapports.</p>`}`,
  'Bilan de saison');
}

// ---------------------------------------------------------------- start
async function start() {
  state.config = await (await fetch('config.json', { cache: 'no-store' })).json();
  await signIn();
  state.me = await must('/me');
  document.getElementById('who').textContent = `${state.me.username} — ${state.me.operator
    ? (state.me.region ? 'opérateur régional, ' + (REGION_NAME[state.me.region] || state.me.region) : 'opérateur national')
    : 'établissement ' + state.me.facilityId}`;
  if (!state.me.operator) {
    // national tension and the season's review are the operators' (the API refuses them to hospitals)
    document.querySelectorAll('a[data-page="ruptures"], a[data-page="retex"]').forEach(a => a.parentElement.remove());
  }
  state.watchlist = await must('/watchlist');
  window.addEventListener('hashchange', route);
  await route();
}

start().catch(e => { if (!/redirection/.test(e.message)) render(problem(e), 'Erreur'); });
