// The auditor's console. Vanilla JavaScript, no dependencies, no inline script (the
// page's CSP forbids it). The token lives in sessionStorage (this tab only) and goes
// out as a bearer header, never in a URL. Every value from the trail is written with
// textContent or as an SVG attribute: records carry client-supplied strings.
"use strict";

const API = "/admin/v1/console";
const TOKEN_KEY = "ledgergate-console-token";
const PER_PAGE = 25;
const SVG = "http://www.w3.org/2000/svg";
const $ = (id) => document.getElementById(id);

let session = null;
let page = 1;
let pages = 1;

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (cls) e.className = cls;
  return e;
}

async function call(path, options) {
  const headers = { Accept: "application/json" };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.Authorization = "Bearer " + token;
  const init = Object.assign({ headers, cache: "no-store", credentials: "omit" }, options || {});
  if (init.body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(API + path, init);
  let body = null;
  try { body = await response.json(); } catch (_) { body = null; }
  if (response.status === 401) {
    // A first visit holds no token: the sign-in view then says nothing is wrong.
    signOut(token ? "That token was not accepted." : "");
    throw new Error("unauthorized");
  }
  if (!response.ok) {
    const message = body && body.error && body.error.message ? body.error.message : "HTTP " + response.status;
    const error = new Error(message);
    error.status = response.status;
    throw error;
  }
  return body;
}

function showLogin(message) {
  $("app").hidden = true;
  $("who").hidden = true;
  $("login").hidden = false;
  $("login-error").textContent = message || "";
  $("rows").replaceChildren();
  $("detail").hidden = true;
}

function signOut(message) {
  sessionStorage.removeItem(TOKEN_KEY);
  session = null;
  showLogin(message);
}

async function start() {
  try {
    session = await call("/session", { method: "POST", body: "{}" });
  } catch (e) {
    if (e.message !== "unauthorized") showLogin(sessionStorage.getItem(TOKEN_KEY) ? e.message : "");
    return;
  }
  $("login").hidden = true;
  $("app").hidden = false;
  $("who").hidden = session.read_only;
  $("viewer").textContent = "Signed in as " + session.viewer + " (content: " + session.content + ")";
  for (const n of document.querySelectorAll(".live-only")) n.hidden = session.mode !== "live";
  if (session.mode === "bundle") {
    const b = $("banner");
    b.hidden = false;
    b.textContent = "Read-only view of an exported bundle (ledgergate audit view).";
  }
  page = 1;
  await Promise.all([loadChain(), loadRows()]);
}

function filters() {
  const params = new URLSearchParams();
  for (const input of $("filters").elements) {
    if (input.name && input.value.trim() !== "") params.set(input.name, input.value.trim());
  }
  return params;
}

async function loadRows() {
  const params = filters();
  params.set("page", String(page));
  params.set("per_page", String(PER_PAGE));
  $("filter-error").textContent = "";
  let data;
  try {
    data = await call("/records?" + params.toString());
  } catch (e) {
    $("filter-error").textContent = e.message;
    return;
  }
  pages = data.pages;
  $("total").textContent = data.total;
  $("page-info").textContent = "page " + data.page + " of " + data.pages;
  $("prev").disabled = data.page <= 1;
  $("next").disabled = data.page >= data.pages;
  const body = $("rows");
  body.replaceChildren();
  for (const r of data.rows) body.appendChild(rowOf(r));
}

function tags(list) {
  const td = el("td");
  for (const t of list || []) td.appendChild(el("span", t, "tag"));
  return td;
}

function rowOf(r) {
  const tr = el("tr");
  tr.dataset.seq = r.seq;
  tr.appendChild(el("td", r.seq, "seq"));
  tr.appendChild(el("td", r.time));
  if (r.state !== "readable") {
    const td = el("td", r.state === "erased" ? "erased (key destroyed)" : "unreadable: " + r.error);
    td.colSpan = 10;
    tr.appendChild(td);
  } else {
    tr.appendChild(el("td", r.event ? r.kind + ": " + r.event : r.kind));
    for (const v of [r.tenant, r.route, r.model, r.provider, r.region]) tr.appendChild(el("td", v || ""));
    tr.appendChild(tags(r.entities));
    tr.appendChild(tags(r.actions));
    tr.appendChild(el("td", r.residency || "", "res"));
    tr.appendChild(el("td", r.status || ""));
    if (r.residency === "denied" || (r.status && r.status >= 400)) tr.classList.add("denied");
  }
  tr.addEventListener("click", () => openRecord(r.seq, tr));
  return tr;
}

function facts(pairs) {
  const dl = el("dl", null, "facts");
  for (const [k, v] of pairs) {
    if (v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0)) continue;
    dl.appendChild(el("dt", k));
    dl.appendChild(el("dd", Array.isArray(v) ? v.join(", ") : typeof v === "object" ? JSON.stringify(v) : v));
  }
  return dl;
}

function group(title, ...children) {
  const g = el("div", null, "group");
  g.appendChild(el("h3", title));
  for (const c of children) g.appendChild(c);
  return g;
}

function table(head, rows) {
  const t = el("table", null, "rows");
  const hr = el("tr");
  for (const h of head) hr.appendChild(el("th", h));
  const thead = el("thead");
  thead.appendChild(hr);
  t.appendChild(thead);
  const tb = el("tbody");
  for (const r of rows) {
    const tr = el("tr");
    for (const c of r) tr.appendChild(el("td", c === undefined || c === null ? "" : c));
    tb.appendChild(tr);
  }
  t.appendChild(tb);
  return t;
}

function money(cost) {
  return cost ? (cost.micros / 1e6).toFixed(6) + " " + cost.currency : "";
}

async function openRecord(seq, tr) {
  for (const n of document.querySelectorAll("#rows tr.selected")) n.classList.remove("selected");
  if (tr) tr.classList.add("selected");
  let d;
  try {
    d = await call("/records/" + seq);
  } catch (e) {
    $("filter-error").textContent = e.message;
    return;
  }
  $("detail-seq").textContent = String(d.seq);
  const body = $("detail-body");
  body.replaceChildren();
  body.appendChild(facts([["Sequence number", d.seq], ["Time", d.time], ["State", d.state]]));
  if (d.state !== "readable") {
    body.appendChild(el("p", d.note || d.error));
  } else {
    const r = d.record;
    body.appendChild(group("Metadata", facts([
      ["Kind", r.kind], ["Request id", r.request_id], ["Tenant", r.tenant], ["Subject", r.subject],
      ["Virtual key id", r.virtual_key_id], ["Route", r.route], ["Model", r.model_requested],
      ["Provider", r.provider], ["Endpoint", r.endpoint], ["Region", r.region],
      ["Client address", r.client_address], ["User agent", r.user_agent],
      ["Status", r.outcome && r.outcome.status], ["Error type", r.outcome && r.outcome.error_type],
    ])));
    body.appendChild(group("Detections and actions",
      r.detections && r.detections.length ? table(["Entity", "Count"], r.detections.map((x) => [x.entity, x.count])) : el("p", "No personal data detected."),
      r.actions && r.actions.length ? table(["Entity", "Action", "Count"], r.actions.map((x) => [x.entity, x.action, x.count])) : el("span"),
    ));
    if (r.residency) {
      body.appendChild(group("Residency", facts([
        ["Decision", r.residency.decision], ["Reason", r.residency.reason], ["Allowed providers", r.residency.allowed_providers],
      ])));
    }
    if (r.policy) body.appendChild(group("Policy", facts([["Policy id", r.policy.id], ["Version hash", r.policy.version_hash]])));
    if (r.attempts && r.attempts.length) {
      body.appendChild(group("Attempts", table(["Provider", "Region", "Status", "Error", "Latency ms", "Backoff ms"],
        r.attempts.map((a) => [a.provider, a.region, a.status, a.error_type, a.latency_ms, a.backoff_ms]))));
    }
    if (r.cost || r.usage || r.latency_ms) {
      body.appendChild(group("Cost and usage", facts([
        ["Cost", money(r.cost)],
        ["Tokens", r.usage && r.usage.prompt_tokens + " in, " + r.usage.completion_tokens + " out"],
        ["Latency ms", r.latency_ms && r.latency_ms.total],
      ])));
    }
    if (r.event) body.appendChild(group("Event", facts([["Action", r.event.action], ["Detail", r.event.detail]])));
    if (r.capture) {
      const parts = [facts([["Capture mode", r.capture.mode]])];
      if (d.content_withheld) parts.push(el("p", d.content_withheld, "withheld"));
      if (r.capture.request !== undefined) parts.push(el("pre", JSON.stringify(r.capture.request, null, 2)));
      if (r.capture.response !== undefined) parts.push(el("pre", JSON.stringify(r.capture.response, null, 2)));
      body.appendChild(group("Content", ...parts));
    }
  }
  if (session && session.mode === "live") {
    const b = el("button", "Inclusion proof of this record");
    b.type = "button";
    b.id = "detail-proof";
    b.addEventListener("click", () => { $("proof-seq").value = String(d.seq); showTab("chain"); prove(); });
    body.appendChild(b);
  }
  $("detail").hidden = false;
}

// How the gateway verified this time: only the records appended since the head it
// verified before, or from scratch and why (bundles are verified once, when opened).
function passText(v) {
  if (!v) return "the whole bundle, when it was opened";
  if (v.mode === "incremental") return "incremental: " + v.records + " new records from seq " + v.from_seq + " on, after the head verified before";
  return "from scratch: " + v.reason;
}

async function loadChain() {
  const s = $("chain-status");
  let c;
  try {
    c = await call("/chain");
  } catch (e) {
    s.className = "chain bad";
    s.textContent = "The chain could not be checked: " + e.message;
    return;
  }
  s.dataset.verified = c.verified ? "true" : "false";
  s.dataset.pass = c.verification ? c.verification.mode : "bundle";
  if (c.verified) {
    s.className = "chain ok";
    s.textContent = "✔ Chain verified: " + c.records + " records, " + c.checkpoints_valid + " signed checkpoints valid" +
      (c.last_checkpoint ? "; last checkpoint covers " + c.last_checkpoint.size + " records (" + c.last_checkpoint.time + ")" : "");
  } else {
    const f = c.first_failure;
    s.className = "chain bad";
    s.dataset.firstBadSeq = f ? f.seq : "";
    s.textContent = "✘ NOT VERIFIED: first problem at seq " + (f ? f.seq : "?") + ": " + (f ? f.reason + " at " + f.location + ": " + f.detail : "") +
      " (" + c.failures + " problems in all)";
  }
  if (c.verification && c.verification.diverged) s.textContent += " (" + c.verification.reason + ")";
  const dl = $("chain-facts");
  dl.replaceWith(facts([
    ["Verified", c.verified ? "yes" : "NO"], ["Source", c.source === "bundle" ? "bundle " + c.bundle : "the gateway's log"],
    ["Log id", c.log_id], ["Public key", c.public_key], ["Records", c.records], ["Checkpoints valid", c.checkpoints_valid],
    ["First problem", c.first_failure ? "seq " + c.first_failure.seq + ": " + c.first_failure.reason : "none"],
    ["This check", passText(c.verification)],
  ]));
  document.querySelector("#tab-chain dl").id = "chain-facts";
  const ol = $("chain-failures");
  ol.replaceChildren();
  for (const f of c.failure_list || []) {
    const li = el("li", "seq " + f.seq + ": " + f.reason + " at " + f.location + ": " + f.detail);
    li.dataset.seq = f.seq;
    ol.appendChild(li);
  }
  if (!c.failure_list || c.failure_list.length === 0) ol.appendChild(el("li", "none"));
  $("chain-checkpoint").textContent = c.last_checkpoint ? c.last_checkpoint.note : "no signed checkpoint yet";
}

async function prove() {
  const seq = $("proof-seq").value.trim();
  $("proof-out").textContent = "";
  if (!/^\d+$/.test(seq)) { $("proof-result").textContent = "Give a sequence number."; return; }
  try {
    const p = await call("/proof/" + seq);
    $("proof-result").textContent = "✔ Record " + p.seq + " is included in the signed checkpoint of size " + p.checkpoint_size + " (proof checked).";
    $("proof-out").textContent = JSON.stringify(p.proof, null, 2);
  } catch (e) {
    $("proof-result").textContent = e.message;
  }
}

function clear(svg) { while (svg.firstChild) svg.removeChild(svg.firstChild); }

function svgEl(tag, attrs, text) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = String(text);
  return e;
}

// A bar chart: `series` are [{values, cls}] drawn side by side per label.
function bars(svg, labels, series, format) {
  clear(svg);
  const w = svg.clientWidth || 600;
  const h = svg.clientHeight || 220;
  svg.setAttribute("viewBox", "0 0 " + w + " " + h);
  if (labels.length === 0) { svg.appendChild(svgEl("text", { x: 12, y: 24 }, "No data for these filters.")); return; }
  const left = 44, bottom = 40, top = 12;
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const slot = (w - left - 8) / labels.length;
  const bw = Math.max(2, (slot * 0.8) / series.length);
  svg.appendChild(svgEl("line", { x1: left, y1: h - bottom, x2: w - 4, y2: h - bottom, class: "axis" }));
  svg.appendChild(svgEl("text", { x: 4, y: top + 4 }, format ? format(max) : max));
  labels.forEach((label, i) => {
    series.forEach((s, j) => {
      const v = s.values[i];
      const bh = ((h - bottom - top) * v) / max;
      const rect = svgEl("rect", { x: left + i * slot + j * bw, y: h - bottom - bh, width: bw - 1, height: bh, class: "bar " + (s.cls || "") });
      rect.appendChild(svgEl("title", {}, label + ": " + (format ? format(v) : v) + (s.name ? " " + s.name : "")));
      svg.appendChild(rect);
    });
    if (labels.length <= 24 || i % Math.ceil(labels.length / 24) === 0) {
      svg.appendChild(svgEl("text", { x: left + i * slot, y: h - bottom + 14 }, label.length > 16 ? label.slice(0, 16) + "…" : label));
    }
  });
  if (series.length > 1) {
    series.forEach((s, j) => {
      svg.appendChild(svgEl("rect", { x: w - 160, y: top + j * 16, width: 10, height: 10, class: "bar " + (s.cls || "") }));
      svg.appendChild(svgEl("text", { x: w - 144, y: top + 9 + j * 16 }, s.name));
    });
  }
}

async function loadSummary() {
  let s;
  try {
    s = await call("/summary?" + filters().toString());
  } catch (e) {
    $("filter-error").textContent = e.message;
    return;
  }
  bars($("chart-time"), s.over_time.map((b) => b.t.replace("T", " ").replace(":00Z", "")), [
    { name: "requests", values: s.over_time.map((b) => b.requests) },
    { name: "denials", values: s.over_time.map((b) => b.denials), cls: "deny" },
  ]);
  bars($("chart-entities"), s.entities.map((e) => e.entity), [{ values: s.entities.map((e) => e.count) }]);
  for (const by of ["tenant", "model", "provider"]) {
    const rows = s.spend[by];
    bars($("chart-spend-" + by), rows.map((r) => r.key + " (" + r.currency + ")"), [{ values: rows.map((r) => r.micros) }], (v) => (v / 1e6).toFixed(4));
  }
}

async function loadPolicies() {
  const p = await call("/policies");
  $("policy-set").textContent = p.set_version;
  const body = $("policy-rows");
  body.replaceChildren();
  for (const x of p.policies) {
    const tr = el("tr");
    for (const v of [x.id, x.file, x.version_hash, (x.tenants || []).join(", "), x.capture, x.retention_days, x.description]) tr.appendChild(el("td", v === null || v === undefined ? "" : v));
    body.appendChild(tr);
  }
}

async function exportBundle(event) {
  event.preventDefault();
  const out = $("export-result");
  out.textContent = "Exporting…";
  delete out.dataset.out;
  const body = { from: $("export-from").value.trim(), to: $("export-to").value.trim() };
  const tenant = $("export-tenant").value.trim();
  if (tenant) body.tenant = tenant;
  try {
    const r = await call("/export", { method: "POST", body: JSON.stringify(body) });
    out.dataset.out = r.out;
    out.textContent = "Bundle written to " + r.out + " (" + r.records_disclosed + " records disclosed, " + r.records_erased +
      " erased; manifest sha256 " + r.manifest_sha256 + "). Verify it with: ledgergate audit verify-bundle " + r.out;
  } catch (e) {
    out.textContent = "Export failed: " + e.message;
  }
}

function showTab(name) {
  for (const b of document.querySelectorAll(".tabs button")) b.classList.toggle("active", b.dataset.tab === name);
  for (const t of document.querySelectorAll(".tab")) t.hidden = t.id !== "tab-" + name;
  if (name === "summary") loadSummary();
  if (name === "chain") loadChain();
  if (name === "policies") loadPolicies().catch((e) => { $("policy-set").textContent = e.message; });
}

document.addEventListener("DOMContentLoaded", () => {
  $("login-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const token = $("token").value.trim();
    $("token").value = "";
    if (!token) return;
    sessionStorage.setItem(TOKEN_KEY, token);
    start();
  });
  $("logout").addEventListener("click", () => signOut(""));
  $("filters").addEventListener("submit", (event) => { event.preventDefault(); page = 1; loadRows(); });
  $("filters").addEventListener("reset", () => { setTimeout(() => { page = 1; loadRows(); }, 0); });
  $("prev").addEventListener("click", () => { if (page > 1) { page -= 1; loadRows(); } });
  $("next").addEventListener("click", () => { if (page < pages) { page += 1; loadRows(); } });
  $("detail-close").addEventListener("click", () => { $("detail").hidden = true; });
  $("proof-form").addEventListener("submit", (event) => { event.preventDefault(); prove(); });
  $("export-form").addEventListener("submit", exportBundle);
  for (const b of document.querySelectorAll(".tabs button")) b.addEventListener("click", () => showTab(b.dataset.tab));
  start();
});
