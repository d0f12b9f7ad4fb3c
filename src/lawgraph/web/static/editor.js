/* The SPARQL editor: YASGUI on this app's /sparql, with the examples, and a "Graph" result view
 * (Cytoscape.js) for CONSTRUCT results and two-column SELECT results. Nothing is fetched from
 * anywhere but this host: the endpoint, its catalogue and the autocompleters are all local. */
(function () {
  "use strict";
  var Yasgui = window.Yasgui;
  var root = document.getElementById("yasgui");
  if (!Yasgui || !root) return;
  var endpoint = new URL(root.getAttribute("data-endpoint") || "/sparql", window.location.href).href;
  var examples = JSON.parse(document.getElementById("examples").textContent);
  var lang = document.body.getAttribute("data-lang") || "zh";
  var RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label";
  var SKOS_PREF = "http://www.w3.org/2004/02/skos/core#prefLabel";
  var BASE = "https://w3id.org/lawgraph/id/";
  var SEGMENTS = { official: "Official", agency: "Agency", law: "Law", campaign: "Campaign", event: "Event",
                   place: "Division", document: "Document", report: "Report" };

  function kindOf(iri) {
    if (iri.indexOf(BASE) !== 0) return "Other";
    return SEGMENTS[iri.slice(BASE.length).split("/")[0]] || "Other";
  }
  function shortName(iri) {
    var cut = Math.max(iri.lastIndexOf("/"), iri.lastIndexOf("#"));
    return cut >= 0 ? iri.slice(cut + 1) : iri;
  }
  function href(iri) { return iri.indexOf(BASE) === 0 ? "/id/" + iri.slice(BASE.length) : null; }

  /* Labels for IRIs the result does not label, asked of /sparql (this host). */
  function fetchLabels(iris) {
    var wanted = iris.filter(function (i) { return /^https?:\/\/[^\s<>"{}|\\^`]+$/.test(i); }).slice(0, 300);
    if (!wanted.length) return Promise.resolve({});
    var q = "SELECT ?s (SAMPLE(?l) AS ?label) WHERE { VALUES ?s { " +
      wanted.map(function (i) { return "<" + i + ">"; }).join(" ") +
      ' } ?s <' + RDFS_LABEL + '> ?l FILTER(LANG(?l) = "zh" || LANG(?l) = "") } GROUP BY ?s';
    return fetch(endpoint, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded",
        Accept: "application/sparql-results+json" }, body: "query=" + encodeURIComponent(q) })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (body) {
        var out = {};
        if (body && body.results) body.results.bindings.forEach(function (b) { out[b.s.value] = b.label.value; });
        return out;
      })
      .catch(function () { return {}; });
  }

  function GraphPlugin(yasr) { this.yasr = yasr; this.priority = 5; this.label = lang === "en" ? "Graph" : "关系图"; }
  GraphPlugin.prototype.canHandleResults = function () {
    var r = this.yasr.results;
    if (!r || r.hasError && r.hasError()) return false;
    if (r.getType && r.getType() === "ttl") return true;
    var vars = r.getVariables ? r.getVariables() : [];
    return vars.length === 2 && (r.getBindings() || []).length > 0;
  };
  GraphPlugin.prototype.getIcon = function () {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 16 16"); svg.setAttribute("class", "yasr-graph-icon");
    svg.setAttribute("aria-hidden", "true");
    [["line", { x1: 4, y1: 4, x2: 12, y2: 6 }], ["line", { x1: 4, y1: 4, x2: 8, y2: 13 }],
     ["line", { x1: 12, y1: 6, x2: 8, y2: 13 }], ["circle", { cx: 4, cy: 4, r: 2.5 }],
     ["circle", { cx: 12, cy: 6, r: 2.5 }], ["circle", { cx: 8, cy: 13, r: 2.5 }]].forEach(function (spec) {
      var el = document.createElementNS(ns, spec[0]);
      Object.keys(spec[1]).forEach(function (k) { el.setAttribute(k, spec[1][k]); });
      el.setAttribute(spec[0] === "line" ? "stroke" : "fill", "currentColor");
      svg.appendChild(el);
    });
    return svg;
  };
  GraphPlugin.prototype.elements = function () {
    var r = this.yasr.results, nodes = {}, edges = [], labels = {};
    function node(term) {
      var id = (term.termType === "Literal" || term.type === "literal" || term.type === "typed-literal")
        ? "lit:" + term.value : term.value;
      if (!nodes[id]) {
        var literal = id.indexOf("lit:") === 0;
        nodes[id] = { data: { id: id, iri: literal ? null : term.value, label: literal ? term.value : shortName(term.value),
          kind: literal ? "Literal" : kindOf(term.value), href: literal ? null : href(term.value) } };
      }
      return id;
    }
    if (r.getType() === "ttl") {
      var quads = r.getStatements();
      quads.forEach(function (q) {
        var p = q.predicate.value;
        if ((p === RDFS_LABEL || p === SKOS_PREF) && q.object.termType === "Literal") {
          if (!labels[q.subject.value] || q.object.language === "zh") labels[q.subject.value] = q.object.value;
          return;
        }
        var s = node(q.subject), o = node(q.object);
        edges.push({ data: { id: "e" + edges.length, source: s, target: o, label: shortName(p), weight: 1 } });
      });
    } else {
      var vars = r.getVariables();
      r.getBindings().forEach(function (b) {
        if (!b[vars[0]] || !b[vars[1]]) return;
        var s = node(b[vars[0]]), o = node(b[vars[1]]);
        edges.push({ data: { id: "e" + edges.length, source: s, target: o, label: "", weight: 1 } });
      });
    }
    Object.keys(labels).forEach(function (iri) { if (nodes[iri]) nodes[iri].data.label = labels[iri]; });
    return { nodes: Object.keys(nodes).map(function (k) { return nodes[k]; }), edges: edges.slice(0, 2000), labelled: labels };
  };
  GraphPlugin.prototype.draw = function () {
    var el = document.createElement("div");
    el.className = "graph"; el.id = "yasr-graph";
    this.yasr.resultsEl.appendChild(el);
    var elements = this.elements();
    var unlabelled = elements.nodes.filter(function (n) { return n.data.iri && !elements.labelled[n.data.iri]; })
      .map(function (n) { return n.data.iri; });
    return fetchLabels(unlabelled).then(function (found) {
      elements.nodes.forEach(function (n) { if (found[n.data.iri]) n.data.label = found[n.data.iri]; });
      window.LawgraphGraph.draw(el, { nodes: elements.nodes, edges: elements.edges });
    });
  };

  Yasgui.Yasr.registerPlugin("graph", GraphPlugin);
  var start = examples[0].query;
  var wanted = new URLSearchParams(window.location.search).get("example");
  examples.forEach(function (ex) { if (ex.id === wanted) start = ex.query; });

  var yasgui = new Yasgui(root, {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: false,
    persistenceId: null,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; }, keys: [] },
    yasqe: { value: start, autocompleters: ["variables", "prefixes"], editorHeight: "320px" },
    yasr: { pluginOrder: ["table", "graph", "response"], defaultPlugin: "table", prefixes: {
      lg: "https://w3id.org/lawgraph/ns#", id: BASE, rdfs: "http://www.w3.org/2000/01/rdf-schema#",
      skos: "http://www.w3.org/2004/02/skos/core#", xsd: "http://www.w3.org/2001/XMLSchema#" } }
  });
  window.lawgraphYasgui = yasgui;

  /* Result links to lawgraph IRIs open this app's page for them, not the w3id.org address. */
  function localise(event) {
    var a = event.target && event.target.closest && event.target.closest("a[href]");
    if (!a) return;
    var target = a.getAttribute("href");
    if (target && target.indexOf(BASE) === 0) { a.setAttribute("href", href(target)); a.removeAttribute("target"); }
  }
  ["mouseover", "focusin", "mousedown", "click"].forEach(function (type) {
    root.addEventListener(type, localise, true);
  });

  function load(id) {
    examples.forEach(function (ex) {
      if (ex.id !== id) return;
      var tab = yasgui.getTab();
      tab.setQuery(ex.query);
      tab.getYasqe().focus();
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll("button.example"), function (b) {
    b.addEventListener("click", function () { load(b.getAttribute("data-example")); });
  });
  var select = document.getElementById("canned-examples");
  if (select) select.addEventListener("change", function () { if (select.value) load(select.value); });
})();
