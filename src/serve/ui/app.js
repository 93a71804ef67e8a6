// khabar's browser UI: a front page that answers questions in Hindi or English (through /ask)
// beside the latest meetings and deals, the most connected entities and a drawing of the most
// connected neighbourhood; a SPARQL editor with example queries; entity pages (labels, facts in
// and out with their sentences, meetings and deals, articles); article pages; a timeline of
// meetings and deals. Plain JavaScript; it talks to /ask and /sparql.
"use strict";

const KH = "https://w3id.org/khabar/ontology#";
const ID = "https://w3id.org/khabar/id/";
const ENTITIES = ID + "graph/entities";
const FACTS = ID + "graph/facts";
const ONTOLOGY = "https://w3id.org/khabar/ontology";
const COLOURS = { person: "#4e79a7", country: "#f28e2b", organization: "#59a14f", system: "#e15759",
  place: "#76b7b2", event: "#b07aa1", meeting: "#9c755f", deal: "#edc948", share: "#bab0ac", article: "#999" };
const KINDS = { person: "person", country: "state", organization: "organisation", system: "weapon system",
  place: "place", event: "event", meeting: "meeting", deal: "deal", share: "import share", article: "article" };

const EXAMPLES = {
  "Who met whom": `SELECT DISTINCT ?a ?nameA ?b ?nameB ?date WHERE {
  GRAPH ?g { ?m a kh:Meeting ; kh:participant ?a , ?b . OPTIONAL { ?m kh:date ?date } }
  FILTER(STR(?a) < STR(?b))
  ?a rdfs:label ?nameA . FILTER(LANG(?nameA) = "hi")
  ?b rdfs:label ?nameB . FILTER(LANG(?nameB) = "hi")
} ORDER BY ?date`,
  "What a state buys, seeks, is offered": `SELECT DISTINCT ?state ?name ?relation ?system ?systemName WHERE {
  VALUES ?p { kh:buys kh:seeksToBuy kh:offers }
  ?state ?p ?system . ?state a kh:Country ; rdfs:label ?name . FILTER(LANG(?name) = "hi")
  ?system rdfs:label ?systemName . FILTER(LANG(?systemName) = "en")
  BIND(STRAFTER(STR(?p), "#") AS ?relation)
} ORDER BY ?name ?relation`,
  "Deals and their values by source": `SELECT DISTINCT ?deal ?quantity ?value ?currency ?date ?article ?source WHERE {
  GRAPH ?article { ?deal a kh:Deal . OPTIONAL { ?deal kh:quantity ?quantity }
    OPTIONAL { ?deal kh:value ?value ; kh:currency ?currency } OPTIONAL { ?deal kh:date ?date }
    ?article kh:source ?source }
} ORDER BY ?deal ?article`,
  "Deals whose sources disagree": `SELECT ?deal (GROUP_CONCAT(DISTINCT STR(?value); separator=" / ") AS ?values)
       (COUNT(DISTINCT ?article) AS ?articles) WHERE {
  GRAPH ?article { ?deal a kh:Deal ; kh:value ?value }
} GROUP BY ?deal HAVING (COUNT(DISTINCT ?value) > 1)`,
  "Import shares over time": `SELECT DISTINCT ?importer ?exporter ?percent ?from ?to WHERE {
  ?x a kh:ImportShare ; kh:importer/rdfs:label ?importer ; kh:exporter/rdfs:label ?exporter ;
     kh:percent ?percent ; kh:periodStart ?from ; kh:periodEnd ?to .
  FILTER(LANG(?importer) = "hi" && LANG(?exporter) = "hi")
} ORDER BY ?importer ?from`,
};

// ---- small helpers ----------------------------------------------------------------------------

const $ = (sel) => document.querySelector(sel);
function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") e.className = v; else if (k === "text") e.textContent = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
  }
  for (const c of children) if (c != null) e.append(c);
  return e;
}
const SVG = "http://www.w3.org/2000/svg";
function svg(tag, attrs = {}, ...children) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (k === "text") e.textContent = v; else e.setAttribute(k, v);
  for (const c of children) if (c != null) e.append(c);
  return e;
}
const local = (iri) => iri.startsWith(ID) ? iri.slice(ID.length) : iri;
const kindOf = (iri) => local(iri).split("/")[0];
const entityHref = (iri) => "#/entity/" + local(iri).split("/").map(encodeURIComponent).join("/");
const short = (s, n = 28) => (s.length > n ? s.slice(0, n - 1) + "…" : s);
// An IRI from our own store, checked before it goes into a query.
function iriRef(iri) {
  if (/[<>"{}|\\^`\s]/.test(iri)) throw new Error("not an IRI: " + iri);
  return "<" + iri + ">";
}
const literal = (s) => '"' + s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, " ") + '"';
// SPARQL that binds ?OUT to a label of ?VAR: Hindi, else English, else the IRI's last part.
const label = (v, out) => `OPTIONAL { GRAPH <${ENTITIES}> { ?${v} rdfs:label ?${out}_hi . FILTER(LANG(?${out}_hi) = "hi") } }
  OPTIONAL { GRAPH <${ENTITIES}> { ?${v} rdfs:label ?${out}_en . FILTER(LANG(?${out}_en) = "en") } }
  BIND(COALESCE(?${out}_hi, ?${out}_en, REPLACE(STR(?${v}), "^.*/", "")) AS ?${out})`;

async function sparql(query) {
  const r = await fetch("sparql", { method: "POST", body: new URLSearchParams({ query }),
    headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json" } });
  if (!r.ok) throw new Error(r.status + " " + r.statusText + ": " + (await r.text()).trim());
  return r.json();
}
async function rows(query) {
  const data = await sparql(query);
  return data.results.bindings.map((b) => Object.fromEntries(Object.entries(b).map(([k, v]) => [k, v.value])));
}

let relationLabels = null;
async function relationName(iri) {
  if (!relationLabels) {
    relationLabels = {};
    try {
      for (const r of await rows(`SELECT ?p ?l WHERE { GRAPH <${ONTOLOGY}> { ?p rdfs:label ?l } }`)) {
        relationLabels[r.p] = relationLabels[r.p] || {};
        relationLabels[r.p][/[\u0900-\u097F]/.test(r.l) ? "hi" : "en"] = r.l;
      }
    } catch (e) { /* the names fall back to the IRI */ }
  }
  const l = relationLabels[iri];
  const name = iri.startsWith(KH) ? iri.slice(KH.length) : iri.replace(/^.*[#/]/, "");
  return l ? { en: l.en || name, hi: l.hi || "" } : { en: name, hi: "" };
}

function entityLink(iri, text) {
  return el("a", { class: "entity", href: entityHref(iri), title: local(iri), text: text || local(iri) });
}
// Entity links ({iri, label}) in `parent`, separated by `sep`.
function appendLinks(parent, items, sep = ", ") {
  items.forEach((x, i) => { if (i) parent.append(sep); parent.append(entityLink(x.iri, x.label)); });
  return parent;
}
function errorBox(e) { return el("p", { class: "error", text: String(e.message || e) }); }
function setView(...children) { const v = $("#view"); v.replaceChildren(...children); window.scrollTo(0, 0); }
function markNav(id) {
  for (const a of document.querySelectorAll("nav a")) a.classList.toggle("current", a.id === id);
}

// ---- the query page ---------------------------------------------------------------------------

const queryState = { text: Object.values(EXAMPLES)[0], result: null };

function resultTable(data) {
  if (data.boolean !== undefined) return el("p", { text: "ASK: " + data.boolean });
  const vars = data.head.vars;
  const t = el("table", { class: "results" });
  t.append(el("tr", {}, ...vars.map((v) => el("th", { text: v }))));
  for (const row of data.results.bindings) {
    const tr = el("tr");
    for (const v of vars) {
      const b = row[v], td = el("td");
      if (b && b.type === "uri" && b.value.startsWith(ID)) td.append(entityLink(b.value));
      else if (b) { td.textContent = b.value; if (b.value.length > 60) td.className = "sentence"; }
      tr.append(td);
    }
    t.append(tr);
  }
  return t;
}

function showQuery() {
  markNav("nav-query");
  const q = el("textarea", { id: "q", spellcheck: "false", "aria-label": "SPARQL query" });
  q.value = queryState.text;
  const status = el("span", { class: "status", id: "status" });
  const out = el("div", { id: "out" });
  const run = async () => {
    queryState.text = q.value;
    status.textContent = "running…";
    const t0 = performance.now();
    try {
      const data = await sparql(q.value);
      queryState.result = data;
      out.replaceChildren(resultTable(data));
      const n = data.results ? data.results.bindings.length : 1;
      status.replaceChildren(`${n} row${n === 1 ? "" : "s"} in ${Math.round(performance.now() - t0)} ms · download `,
        ...["csv", "tsv", "json"].flatMap((f, i) => [i ? ", " : "", el("a", { class: "download", text: f,
          href: "sparql?" + new URLSearchParams({ query: q.value, format: f }), download: "khabar-results." + f })]));
      history.replaceState(null, "", "#/?q=" + encodeURIComponent(q.value));
    } catch (e) { out.replaceChildren(errorBox(e)); status.textContent = ""; }
  };
  q.addEventListener("keydown", (e) => { if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) run(); });
  const examples = el("div", { class: "examples" }, el("span", { class: "meta", text: "Examples: " }),
    ...Object.entries(EXAMPLES).map(([name, text]) =>
      el("button", { text: name, onclick: () => { q.value = text; run(); } })));
  setView(examples, q, el("div", {}, el("button", { id: "run", text: "Run query (Ctrl+Enter)", onclick: run }), status),
    el("p", { class: "meta", text: "Prefixes kh:, khid:, rdf:, rdfs:, skos:, xsd:, owl:, prov:, schema: are declared. " +
      "The default graph is the union of all graphs; GRAPH ?article reaches one article's facts." }), out);
  if (queryState.result) out.replaceChildren(resultTable(queryState.result));
}

// ---- the entity page --------------------------------------------------------------------------

// The facts in and out of an entity, with their sentences and articles.
function entityFacts(e) {
  return rows(`SELECT ?dir ?p ?o ?ol ?sentence ?article ?title ?confidence WHERE {
  { GRAPH <${FACTS}> { ?st rdf:subject ${e} ; rdf:predicate ?p ; rdf:object ?o } BIND("out" AS ?dir) }
  UNION
  { GRAPH <${FACTS}> { ?st rdf:object ${e} ; rdf:predicate ?p ; rdf:subject ?o } BIND("in" AS ?dir) }
  GRAPH ?article { ?st kh:sentence ?sn ; kh:confidence ?confidence . ?sn kh:text ?sentence }
  OPTIONAL { GRAPH ?article { ?article kh:title ?title } }
  ${label("o", "ol")}
} ORDER BY ?dir ?p ?ol LIMIT 1000`);
}

// ---- the front page: ask, and what the graph holds ---------------------------------------------

const ASK_EXAMPLES = ["राजनाथ सिंह किससे मिले?", "रूस के रक्षा मंत्री कौन हैं?", "भारत क्या खरीदना चाहता है?",
  "Who supplies the S-400?", "एस-400 के सौदे", "What does Russia offer?"];
const askState = { question: "", data: null };

function sourceLink(s) {
  // (the sentence's IRI ends in its index in the article)
  const n = s.sentence_iri ? s.sentence_iri.split("/").pop() : null;
  const href = s.article_iri ? entityHref(s.article_iri) + (n !== null ? "?s=" + n : "") : null;
  return el("li", { class: "source" }, href ? el("a", { href, class: "sentence-link", lang: "hi", text: s.sentence })
    : el("span", { lang: "hi", text: s.sentence }), el("span", { class: "meta", text: " — " + s.article }));
}

function answerView(data) {
  if (data.error) {
    const u = data.understood || {};
    const names = (u.entities || []).map((n) => `${n.label} (${n.label_hi})`).join(", ") || "none";
    return el("div", { id: "answers", class: "not-understood" },
      el("p", { class: "error", text: "Cannot answer: " + data.error }),
      el("p", { class: "meta", text: `Understood — names: ${names}; asks about: ${u.relation || "nothing known"}; ` +
        `question word: ${u.question_word || "none"}${u.period ? "; period: " + u.period : ""}${u.office ? "; office: " + u.office : ""}` }),
      el("p", {}, "Try: ", el("a", { href: "#/", text: data.example, onclick: (e) => { e.preventDefault(); ask(data.example); } })));
  }
  const box = el("div", { id: "answers" });
  if (!data.answers.length) box.append(el("p", { class: "meta", text: "No answer in the graph." }));
  else {
    const t = el("table", { class: "answers" });
    t.append(el("tr", {}, ...data.vars.map((v) => el("th", { text: v })), el("th", { text: "sources" })));
    for (const a of data.answers) {
      const tr = el("tr");
      for (const v of data.vars) {
        const x = a.values[v], td = el("td");
        if (x && x.iri && x.iri.startsWith(ID)) td.append(entityLink(x.iri, x.label_hi && x.label_hi !== x.label ? `${x.label} (${x.label_hi})` : x.label));
        else if (x) td.textContent = x.label;
        tr.append(td);
      }
      tr.append(el("td", {}, el("ul", { class: "plain sources" }, ...a.sources.map(sourceLink))));
      t.append(tr);
    }
    box.append(el("p", { class: "meta", text: `${data.answers.length} answer${data.answers.length === 1 ? "" : "s"}` }), t);
  }
  box.append(el("details", { id: "answer-sparql" }, el("summary", { text: "SPARQL" }), el("pre", { text: data.sparql }),
    el("button", { id: "edit-sparql", text: "Edit in the query pane", onclick: () => {
      queryState.text = data.sparql; queryState.result = null; location.hash = "#/query"; } })));
  return box;
}

async function ask(question) {
  const input = $("#question");
  if (input) input.value = question;
  askState.question = question;
  const slot = $("#answers");
  if (slot) slot.replaceChildren(el("p", { class: "meta", text: "asking…" }));
  try {
    const r = await fetch("ask?" + new URLSearchParams({ q: question }), { headers: { Accept: "application/json" } });
    const data = r.headers.get("content-type")?.includes("json") ? await r.json() : { error: await r.text(), understood: {} };
    askState.data = data;
    const now = $("#answers");
    if (now) now.replaceWith(answerView(data));
  } catch (e) { const now = $("#answers"); if (now) now.replaceChildren(errorBox(e)); }
}

async function showHome() {
  markNav("nav-home");
  document.title = "khabar";
  const input = el("input", { id: "question", type: "search", lang: "hi", value: askState.question,
    placeholder: "Ask in Hindi or English: राजनाथ सिंह किससे मिले? · Who supplies the S-400?", "aria-label": "Question" });
  const go = () => { if (input.value.trim()) ask(input.value.trim()); };
  input.addEventListener("keydown", (e) => { if (e.key === "Enter") go(); });
  const examples = el("div", { class: "examples" }, el("span", { class: "meta", text: "Try: " }),
    ...ASK_EXAMPLES.map((q) => el("button", { class: "ask-example", lang: "hi", text: q, onclick: () => ask(q) })));
  const latest = el("div", { id: "latest" }, el("p", { class: "meta", text: "loading…" }));
  const connected = el("div", { id: "connected" });
  const hood = el("div", { id: "home-hood" });
  setView(el("h2", { text: "Ask the graph" }),
    el("div", { class: "ask-box" }, input, el("button", { id: "ask", text: "Ask", onclick: go })), examples,
    askState.data ? answerView(askState.data) : el("div", { id: "answers" }),
    el("div", { class: "columns" }, el("section", {}, el("h3", { text: "Latest meetings and deals" }), latest),
      el("section", {}, el("h3", { text: "Most connected" }), connected)),
    el("h3", { text: "The most connected neighbourhood" }), hood,
    el("p", { class: "meta" }, "Write SPARQL in the ", el("a", { href: "#/query", text: "query pane" }), "."));
  try {
    const [recent, top] = await Promise.all([
      rows(`SELECT ?r ?type (MAX(STR(?d)) AS ?date)
       (GROUP_CONCAT(DISTINCT CONCAT(STR(?x), "|", ?xl); separator="\t") AS ?who) WHERE {
  GRAPH ?g { ?r a ?type ; kh:date ?d ; ?role ?x . VALUES ?type { kh:Meeting kh:Deal }
    VALUES ?role { kh:participant kh:buyer kh:seller kh:system } }
  ${label("x", "xl")}
} GROUP BY ?r ?type ORDER BY DESC(?date) LIMIT 10`),
      rows(`SELECT ?e ?kind (COUNT(DISTINCT ?st) AS ?n) (SAMPLE(?el) AS ?name) WHERE {
  GRAPH <${FACTS}> { { ?st rdf:subject ?e } UNION { ?st rdf:object ?e } }
  GRAPH <${ENTITIES}> { ?e a ?kind . VALUES ?kind { kh:Person kh:Country kh:WeaponSystem } }
  ${label("e", "el")}
} GROUP BY ?e ?kind ORDER BY DESC(?n) LIMIT 60`),
    ]);
    const list = el("ul", { class: "plain", id: "latest-list" });
    for (const r of recent) {
      const ev = asEvent(r, r.who);
      list.append(el("li", {}, el("span", { class: "meta", text: r.date + " · " }),
        entityLink(r.r, ev.type === "Meeting" ? "meeting" : "deal"), " ", appendLinks(el("span"), ev.who)));
    }
    latest.replaceChildren(recent.length ? list : el("p", { class: "meta", text: "No dated meetings or deals yet." }));
    const groups = [["Person", "People"], ["Country", "States"], ["WeaponSystem", "Systems"]];
    connected.replaceChildren(...groups.map(([k, name]) => {
      const top5 = top.filter((t) => t.kind === KH + k).slice(0, 6);
      return el("p", { class: "top" }, el("b", { text: name + ": " }),
        appendLinks(el("span"), top5.map((t) => ({ iri: t.e, label: `${t.name} (${t.n})` })), " · "));
    }));
    const best = top.find((t) => t.kind === KH + "Person") || top[0];
    if (best) {
      const e = iriRef(best.e);
      const [facts, records] = await Promise.all([entityFacts(e), entityRecords(e)]);
      const drawing = neighbourhood(best.e, best.name, facts, records);
      if (drawing) hood.replaceChildren(el("p", {}, entityLink(best.e, best.name)), drawing);
    }
  } catch (err) { latest.replaceChildren(errorBox(err)); }
}

async function showEntity(iri) {
  markNav(null);
  const e = iriRef(iri);
  const head = el("div", {}, el("p", { class: "meta", text: "loading " + local(iri) + "…" }));
  setView(head);
  if (kindOf(iri) === "article") return showArticle(iri, head);
  try {
    const [about, facts, records, details, articles] = await Promise.all([
      rows(`SELECT ?p ?o WHERE { GRAPH <${ENTITIES}> { ${e} ?p ?o } }`),
      entityFacts(e),
      entityRecords(e),
      !["meeting", "deal", "share"].includes(kindOf(iri)) ? [] : rows(`SELECT DISTINCT ?p ?o ?ol ?article WHERE {
  GRAPH ?article { ${e} ?p ?o . FILTER(?p NOT IN (kh:mentionedIn, kh:sentence, kh:rule, kh:reportedIn)) }
  FILTER(?article != <${ENTITIES}>)
  OPTIONAL { GRAPH <${ENTITIES}> { ?o rdfs:label ?ol . FILTER(LANG(?ol) = "hi") } }
} ORDER BY ?p ?article LIMIT 500`),
      rows(`SELECT DISTINCT ?article ?title ?date ?source WHERE {
  { GRAPH ?article { ${e} kh:mentionedIn ?article } } UNION { GRAPH ?article { ${e} kh:reportedIn ?article } }
  GRAPH ?article { ?article kh:source ?source OPTIONAL { ?article kh:title ?title } OPTIONAL { ?article kh:date ?date } }
} ORDER BY DESC(?date) LIMIT 200`),
    ]);
    const labels = { hi: [], en: [], alt: [], types: [] };
    for (const r of about) {
      if (r.p.endsWith("rdf-schema#label")) (/[\u0900-\u097F]/.test(r.o) ? labels.hi : labels.en).push(r.o);
      else if (r.p.endsWith("core#altLabel")) labels.alt.push(r.o);
      else if (r.p.endsWith("22-rdf-syntax-ns#type") && r.o.startsWith(KH)) labels.types.push(r.o.slice(KH.length));
    }
    const kind = kindOf(iri);
    const title = labels.hi[0] || labels.en[0] || local(iri);
    document.title = title + " · khabar";
    head.replaceChildren(
      el("h2", { id: "entity-title" }, el("span", { lang: "hi", class: "hi", text: title }),
        labels.en[0] && labels.en[0] !== title ? el("span", { lang: "en", class: "en", text: labels.en[0] }) : null),
      el("p", { class: "meta" }, (labels.types.join(", ") || KINDS[kind] || kind) + " · ",
        el("code", { text: iri }),
        labels.alt.length ? el("span", { text: " · also written " + labels.alt.join(", ") }) : null),
    );
    const view = $("#view");
    const hood = neighbourhood(iri, title, facts, records);
    if (hood) view.append(el("h3", { text: "Neighbourhood" }), hood);
    const dated = records.filter((r) => r.date);
    if (dated.length) {
      view.append(el("h3", { text: "Timeline" }),
        timeline(dated.map((r) => asEvent(r, r.others))));
    }
    if (facts.length) view.append(el("h3", { text: "Facts" }), await factTable(facts));
    if (records.length) view.append(el("h3", { text: "Meetings, deals and import shares" }), recordTable(records));
    if (details.length) view.append(el("h3", { text: "Details by article" }), await detailTable(details));
    view.append(el("h3", { text: `Articles (${articles.length})` }), articleList(articles));
    if (!facts.length && !records.length && !details.length && !about.length) {
      view.append(el("p", { class: "meta", text: "Nothing in the graph names this IRI." }));
    }
  } catch (err) { head.append(errorBox(err)); }
}

// A meeting or deal row ({r, type, date} and the people or things in `who`) as a timeline event.
function asEvent(row, who) {
  return { iri: row.r, type: row.type.slice(KH.length), date: row.date, who: parseOthers(who) };
}

function parseOthers(s) {
  return (s || "").split("\t").filter(Boolean).map((x) => { const i = x.indexOf("|"); return { iri: x.slice(0, i), label: x.slice(i + 1) }; });
}

// One row per fact (direction, relation, other side), with every sentence that states it.
async function factTable(facts) {
  const groups = new Map();
  for (const f of facts) {
    const key = f.dir + " " + f.p + " " + f.o;
    if (!groups.has(key)) groups.set(key, { ...f, sources: [] });
    const g = groups.get(key);
    if (!g.sources.some((x) => x.sentence === f.sentence && x.article === f.article)) g.sources.push(f);
  }
  const t = el("table", { id: "facts" });
  t.append(el("tr", {}, ...["", "relation", "with", "sentence", "sources", "confidence"].map((h) => el("th", { text: h }))));
  for (const g of groups.values()) {
    const rel = await relationName(g.p);
    const other = g.o.startsWith(ID) ? entityLink(g.o, g.ol)
      : g.o.startsWith(KH) ? ((r) => r.en + (r.hi ? " · " + r.hi : ""))(await relationName(g.o)) : g.o;
    const [first, ...rest] = g.sources;
    const sentence = el("td", { class: "sentence", lang: "hi" }, first.sentence);
    if (rest.length) {
      const more = el("details", {}, el("summary", { text: `${rest.length} more sentence${rest.length > 1 ? "s" : ""}` }));
      for (const r of rest) more.append(el("p", { lang: "hi", text: r.sentence }));
      sentence.append(more);
    }
    const articles = [...new Map(g.sources.map((x) => [x.article, x])).values()];
    const sources = el("td");
    articles.forEach((a, i) => {
      if (i) sources.append(el("br"));
      sources.append(entityLink(a.article, a.title ? short(a.title, 48) : local(a.article)));
    });
    const confidence = Math.max(...g.sources.map((x) => Number(x.confidence)));
    t.append(el("tr", {},
      el("td", { class: "dir", title: g.dir === "out" ? "this entity is the subject" : "this entity is the object",
        text: g.dir === "out" ? "→" : "←" }),
      el("td", { title: rel.hi, text: rel.en + (rel.hi ? " · " + rel.hi : "") }),
      el("td", {}, other),
      sentence,
      sources,
      el("td", { class: "num", text: confidence.toFixed(2) })));
  }
  return t;
}

// The records an entity takes part in: first the records themselves (cheap: their role, date
// and sources), then, for those shown, the other parties and a sentence. One query joining all
// of it multiplies every record by its dates, sentences and parties before grouping.
async function entityRecords(e) {
  const recs = await rows(`SELECT ?r ?type ?role (MIN(STR(?d)) AS ?date) (COUNT(DISTINCT ?article) AS ?articles) WHERE {
  GRAPH ?article { ?r ?role ${e} ; a ?type . OPTIONAL { ?r kh:date ?d } OPTIONAL { ?r kh:periodStart ?d } }
  VALUES ?type { kh:Meeting kh:Deal kh:ImportShare }
} GROUP BY ?r ?type ?role ORDER BY ?date LIMIT 500`);
  if (!recs.length) return recs;
  // (a sentence row has no party: COALESCE keeps its empty CONCAT from voiding the aggregate)
  const more = await rows(`SELECT ?r (GROUP_CONCAT(DISTINCT COALESCE(CONCAT(STR(?x), "|", ?xl), ""); separator="\\t") AS ?others)
       (SAMPLE(?s) AS ?sentence) WHERE {
  VALUES ?r { ${[...new Set(recs.map((r) => iriRef(r.r)))].join(" ")} }
  { GRAPH ?g { ?r ?xrole ?x . FILTER(isIRI(?x) && ?x != ${e})
      VALUES ?xrole { kh:participant kh:buyer kh:seller kh:system kh:importer kh:exporter kh:location } }
    ${label("x", "xl")} }
  UNION
  { GRAPH ?g { ?r kh:sentence/kh:text ?s } }
} GROUP BY ?r`);
  const by = Object.fromEntries(more.map((m) => [m.r, m]));
  return recs.map((r) => ({ ...r, others: (by[r.r] || {}).others || "", sentence: (by[r.r] || {}).sentence }));
}

function recordTable(records) {
  const t = el("table", { id: "records" });
  t.append(el("tr", {}, ...["what", "date", "role", "with", "sentence", "articles"].map((h) => el("th", { text: h }))));
  for (const r of records) {
    const with_ = appendLinks(el("td"), parseOthers(r.others));
    t.append(el("tr", {},
      el("td", {}, entityLink(r.r, r.type.slice(KH.length))),
      el("td", { text: r.date || "" }),
      el("td", { text: r.role.replace(/^.*#/, "") }),
      with_,
      el("td", { class: "sentence", lang: "hi", text: r.sentence || "" }),
      el("td", { class: "num", text: r.articles })));
  }
  return t;
}

async function detailTable(details) {
  const t = el("table", { id: "details" });
  t.append(el("tr", {}, ...["property", "value", "article"].map((h) => el("th", { text: h }))));
  for (const d of details) {
    const rel = await relationName(d.p);
    const value = d.o.startsWith(ID) ? entityLink(d.o, d.ol) : d.o.startsWith(KH) ? d.o.slice(KH.length) : d.o;
    t.append(el("tr", {}, el("td", { text: rel.en }), el("td", {}, value), el("td", {}, entityLink(d.article))));
  }
  return t;
}

function articleList(articles) {
  const ul = el("ul", { class: "plain", id: "articles" });
  for (const a of articles) {
    ul.append(el("li", {}, entityLink(a.article, a.title ? short(a.title, 160) : local(a.article)),
      el("span", { class: "meta", text: " · " + [a.date, a.source].filter(Boolean).join(" · ") })));
  }
  return ul;
}

async function showArticle(iri, head) {
  const a = iriRef(iri);
  try {
    const [info, sentences, mentioned] = await Promise.all([
      rows(`SELECT ?title ?date ?source ?url WHERE { GRAPH ${a} { ${a} kh:source ?source
        OPTIONAL { ${a} kh:title ?title } OPTIONAL { ${a} kh:date ?date } OPTIONAL { ${a} schema:url ?url } } }`),
      rows(`SELECT ?s ?text WHERE { GRAPH ${a} { ?s kh:article ${a} ; kh:start ?at ; kh:text ?text } } ORDER BY ?at`),
      rows(`SELECT DISTINCT ?e ?el WHERE { GRAPH ${a} { ?e kh:mentionedIn ${a} } ${label("e", "el")} } ORDER BY ?el`),
    ]);
    const i = info[0] || {};
    document.title = (i.title || local(iri)) + " · khabar";
    head.replaceChildren(el("h2", { lang: "hi", text: i.title || local(iri) }),
      el("p", { class: "meta", text: [i.date, i.source, i.url].filter(Boolean).join(" · ") }));
    const ents = appendLinks(el("p", { id: "mentioned" }), mentioned.map((m) => ({ iri: m.e, label: m.el })), " · ");
    const ol = el("ol", { class: "plain", id: "sentences" });
    // (a sentence's IRI ends in its index in the article)
    const wanted = new URLSearchParams(location.hash.split("?")[1] || "").get("s");
    for (const s of sentences) {
      const n = s.s.split("/").pop();
      ol.append(el("li", { value: Number(n) + 1, lang: "hi", id: "sentence-" + n,
        class: n === wanted ? "hit" : "", text: s.text }));
    }
    $("#view").append(el("h3", { text: `Entities (${mentioned.length})` }), ents,
      el("h3", { text: "Sentences that carry facts" }), ol);
    const hit = $("#sentences li.hit");
    if (hit) hit.scrollIntoView({ block: "center" });
  } catch (err) { head.append(errorBox(err)); }
}

// ---- the neighbourhood drawing ----------------------------------------------------------------

function neighbourhood(iri, title, facts, records) {
  const nodes = new Map(); // iri -> {iri, label, edges: Set}
  const add = (o, l, edge) => {
    if (o === iri || !o.startsWith(ID)) return;
    if (!nodes.has(o)) nodes.set(o, { iri: o, label: l || local(o), edges: new Set() });
    nodes.get(o).edges.add(edge);
  };
  for (const f of facts) add(f.o, f.ol, (f.dir === "out" ? "→ " : "← ") + f.p.replace(/^.*#/, ""));
  for (const r of records) {
    const t = r.type.slice(KH.length);
    add(r.r, t + (r.date ? " " + r.date : ""), r.role.replace(/^.*#/, ""));
  }
  if (!nodes.size) return null;
  const all = [...nodes.values()].sort((a, b) => b.edges.size - a.edges.size || a.label.localeCompare(b.label));
  const shown = all.slice(0, 40);
  const W = 900, H = shown.length > 14 ? 640 : 520, cx = W / 2, cy = H / 2;
  const g = svg("svg", { id: "hood", class: "figure", viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: "img",
    "aria-label": `${title} and ${shown.length} neighbours` });
  const edges = svg("g"), labels = svg("g"), dots = svg("g");
  shown.forEach((n, k) => {
    const ring = shown.length > 14 ? (k % 2 ? 0.92 : 0.62) : 0.8;
    const a = (2 * Math.PI * k) / shown.length - Math.PI / 2;
    n.x = cx + Math.cos(a) * (W / 2 - 110) * ring;
    n.y = cy + Math.sin(a) * (H / 2 - 40) * ring;
    edges.append(svg("line", { class: "edge", x1: cx, y1: cy, x2: n.x, y2: n.y }));
    const mx = cx + (n.x - cx) * 0.55, my = cy + (n.y - cy) * 0.55;
    labels.append(svg("text", { class: "edge-label", x: mx, y: my - 3, "text-anchor": "middle", text: short([...n.edges].join(", "), 34) }));
    const kind = kindOf(n.iri);
    const shape = ["meeting", "deal", "share"].includes(kind)
      ? svg("rect", { x: n.x - 7, y: n.y - 7, width: 14, height: 14, fill: COLOURS[kind] || "#999" })
      : svg("circle", { cx: n.x, cy: n.y, r: 9, fill: COLOURS[kind] || "#999" });
    const anchor = n.x < cx - 20 ? "end" : n.x > cx + 20 ? "start" : "middle";
    const dx = anchor === "end" ? -12 : anchor === "start" ? 12 : 0;
    const link = svg("a", { href: entityHref(n.iri), class: "node" },
      svg("title", { text: `${n.label} (${KINDS[kind] || kind}): ${[...n.edges].join(", ")}` }), shape,
      svg("text", { class: "node-label", x: n.x + dx, y: n.y + (anchor === "middle" ? (n.y < cy ? -13 : 22) : 4),
        "text-anchor": anchor, text: short(n.label, 26) }));
    dots.append(link);
  });
  const centre = svg("g", {}, svg("circle", { cx, cy, r: 14, fill: COLOURS[kindOf(iri)] || "#999", stroke: "#222", "stroke-width": 2 }),
    svg("text", { class: "node-label", x: cx, y: cy + 30, "text-anchor": "middle", "font-weight": "700", text: short(title, 30) }));
  g.append(edges, labels, dots, centre);
  const kinds = [...new Set([kindOf(iri), ...shown.map((n) => kindOf(n.iri))])];
  const legend = el("div", { class: "legend" }, ...kinds.map((k) =>
    el("span", {}, el("i", { style: `background:${COLOURS[k] || "#999"}` }), KINDS[k] || k)));
  const more = all.length > shown.length ? el("p", { class: "meta", text: `${all.length - shown.length} more neighbours are listed in the tables below.` }) : null;
  return el("div", {}, g, legend, more);
}

// ---- the timeline -----------------------------------------------------------------------------

// A partial date ("2025", "2025-06", "2025-06-26") as a fractional year.
function yearOf(d) {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(d);
  if (!m) return null;
  return Number(m[1]) + ((m[2] ? Number(m[2]) - 1 : 0) + ((m[3] ? Number(m[3]) - 1 : 0) / 31)) / 12;
}

function timeline(events) {
  events = events.filter((e) => yearOf(e.date) !== null).sort((a, b) => a.date.localeCompare(b.date));
  const wrap = el("div", { class: "timeline" });
  if (!events.length) { wrap.append(el("p", { class: "meta", text: "No dated meetings or deals." })); return wrap; }
  let lo = Math.floor(yearOf(events[0].date)), hi = Math.floor(yearOf(events[events.length - 1].date)) + 1;
  const W = 900, left = 30, right = W - 30, axisY = 40;
  const x = (y) => left + ((y - lo) / (hi - lo)) * (right - left);
  const lanes = []; // stack events that would overlap
  const placed = events.map((e) => {
    const px = x(yearOf(e.date));
    let lane = lanes.findIndex((end) => end < px - 14);
    if (lane < 0) { lane = lanes.length; lanes.push(px); } else lanes[lane] = px;
    return { ...e, px, lane };
  });
  const H = axisY + 30 + lanes.length * 18;
  const g = svg("svg", { class: "figure timeline-figure", viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: "img",
    "aria-label": `${events.length} dated meetings and deals` });
  g.append(svg("line", { class: "axis", x1: left, y1: axisY, x2: right, y2: axisY }));
  const step = hi - lo > 12 ? 5 : 1;
  for (let y = lo; y <= hi; y += step) {
    g.append(svg("line", { class: "axis", x1: x(y), y1: axisY - 4, x2: x(y), y2: axisY + 4 }),
      svg("text", { class: "tick", x: x(y), y: axisY - 10, "text-anchor": "middle", text: String(y) }));
  }
  for (const e of placed) {
    const kind = e.type === "Meeting" ? "meeting" : e.type === "Deal" ? "deal" : "share";
    const who = e.who.map((w) => w.label).join(", ");
    g.append(svg("a", { href: entityHref(e.iri), class: "event" },
      svg("title", { text: `${e.date} · ${e.type}: ${who}` }),
      svg("circle", { cx: e.px, cy: axisY + 18 + e.lane * 18, r: 6, fill: COLOURS[kind], stroke: "#444" })));
  }
  const list = el("table", { class: "timeline-list" });
  list.append(el("tr", {}, ...["date", "what", "who and what"].map((h) => el("th", { text: h }))));
  for (const e of events) {
    list.append(el("tr", {}, el("td", { text: e.date }), el("td", {}, entityLink(e.iri, e.type)),
      appendLinks(el("td"), e.who)));
  }
  const legend = el("div", { class: "legend" },
    el("span", {}, el("i", { style: `background:${COLOURS.meeting}` }), "meeting"),
    el("span", {}, el("i", { style: `background:${COLOURS.deal}` }), "deal"));
  wrap.append(g, legend, list);
  return wrap;
}

async function showTimeline() {
  markNav("nav-timeline");
  document.title = "Timeline · khabar";
  const status = el("p", { class: "meta", text: "loading…" });
  setView(el("h2", { text: "Meetings and deals over time" }), status);
  try {
    const r = await rows(`SELECT ?r ?type (MIN(STR(?d)) AS ?date)
       (GROUP_CONCAT(DISTINCT CONCAT(STR(?x), "|", ?xl); separator="\\t") AS ?who) WHERE {
  GRAPH ?g { ?r a ?type ; kh:date ?d ; ?role ?x . VALUES ?type { kh:Meeting kh:Deal }
    VALUES ?role { kh:participant kh:buyer kh:seller kh:system } }
  ${label("x", "xl")}
} GROUP BY ?r ?type ORDER BY ?date LIMIT 5000`);
    status.textContent = `${r.length} dated meetings and deals; click one for its sources.`;
    $("#view").append(timeline(r.map((e) => asEvent(e, e.who))));
  } catch (err) { status.replaceWith(errorBox(err)); }
}

// ---- finding entities -------------------------------------------------------------------------

function setupSearch() {
  const input = $("#find"), list = $("#found");
  let timer = null, seq = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const text = input.value.trim();
      if (text.length < 2) { list.hidden = true; return; }
      const mine = ++seq;
      try {
        const found = await rows(`SELECT ?e (SAMPLE(?l) AS ?name) WHERE {
  GRAPH <${ENTITIES}> { ?e rdfs:label|skos:altLabel ?any . FILTER(CONTAINS(LCASE(STR(?any)), LCASE(${literal(text)}))) }
  ${label("e", "l")}
} GROUP BY ?e ORDER BY STRLEN(STR(?name)) LIMIT 20`);
        if (mine !== seq) return;
        list.replaceChildren(...found.map((f) => el("li", {}, entityLink(f.e, f.name),
          el("span", { class: "kind", text: KINDS[kindOf(f.e)] || kindOf(f.e) }))));
        if (!found.length) list.replaceChildren(el("li", { class: "meta", text: "nothing found" }));
        list.hidden = false;
      } catch (e) { list.replaceChildren(el("li", {}, errorBox(e))); list.hidden = false; }
    }, 200);
  });
  list.addEventListener("click", () => { list.hidden = true; });
  document.addEventListener("click", (e) => { if (!e.target.closest(".search")) list.hidden = true; });
}

// ---- routing ----------------------------------------------------------------------------------

function route() {
  const h = location.hash.slice(1) || "/";
  if (h.startsWith("/entity/")) {
    const path = h.slice("/entity/".length).split("?")[0];
    showEntity(ID + path.split("/").map(decodeURIComponent).join("/"));
  } else if (h === "/timeline") showTimeline();
  else if (h === "/" || h.startsWith("/ask")) {
    showHome();
    // #/ask?q=QUESTION: a link to a question, asked on arrival
    const q = h.startsWith("/ask?") ? new URLSearchParams(h.slice(5)).get("q") : null;
    if (q) ask(q);
  } else {
    // #/?q=QUERY: a link to a query, run on arrival
    const link = h.startsWith("/?q=") ? decodeURIComponent(h.slice(4)) : null;
    if (link !== null) { queryState.text = link; queryState.result = null; }
    document.title = "khabar";
    showQuery();
    if (link !== null) $("#run").click();
  }
}
window.addEventListener("hashchange", route);
setupSearch();
route();
