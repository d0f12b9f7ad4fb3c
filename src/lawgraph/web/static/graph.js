/* lawgraph graphs: Cytoscape.js over elements the server (or the editor) provides.
 * LawgraphGraph.draw(container, {nodes, edges}) draws one; every
 * <script type="application/json" class="graph-data" data-target="ID"> on the page is drawn into
 * the element with that id. Nodes carry data.kind (colour), data.label, data.href (a click opens it). */
(function () {
  "use strict";
  var FONT = '"WenQuanYi Micro Hei", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif';
  var COLOURS = {
    Official: "#c2185b", Agency: "#1565c0", Law: "#2e7d32", Campaign: "#b45309", Meeting: "#6a1b9a",
    Event: "#6a1b9a", Division: "#00838f", Place: "#00838f", Document: "#5d4037", Report: "#37474f",
    Measure: "#ad1457", Literal: "#757575", Other: "#546e7a"
  };
  var graphs = {};

  function colour(kind) { return COLOURS[kind] || COLOURS.Other; }

  /* Chinese labels have no spaces to wrap at: cut them into lines of `width` characters
   * (at most `lines` lines, the last one ending in …). */
  function wrap(text, width, lines) {
    text = String(text || "");
    if (text.length <= width) return text;
    if (!/[\u3400-\u9fff]/.test(text)) return text.length > 2 * width ? text.slice(0, 2 * width - 1) + "…" : text;
    var out = [];
    for (var i = 0; i < text.length && out.length < lines; i += width) out.push(text.slice(i, i + width));
    if (out.join("").length < text.length) out[out.length - 1] = out[out.length - 1].slice(0, width - 1) + "…";
    return out.join("\n");
  }
  function prepare(elements) {
    (elements.nodes || []).forEach(function (n) {
      n.data.full = n.data.label;
      n.data.label = wrap(n.data.label, n.data.center ? 10 : 8, 3);
    });
    var edges = elements.edges || [];
    var same = edges.length > 3 && edges.every(function (e) { return e.data.label === edges[0].data.label; });
    edges.forEach(function (e) {
      var w = e.data.weight || 1;
      var label = same ? "" : wrap(e.data.label || "", 8, 2);  // one label on every edge says nothing
      e.data.label = w > 1 ? (label ? label + " ×" + w : "×" + w) : label;
    });
    return elements;
  }

  function style() {
    return [
      { selector: "node", style: {
          "background-color": function (n) { return colour(n.data("kind")); },
          "label": "data(label)", "font-family": FONT, "font-size": 15, "color": "#1f2328",
          "text-valign": "bottom", "text-margin-y": 4, "text-wrap": "wrap", "text-max-width": 200,
          "text-background-color": "#ffffff", "text-background-opacity": 0.85, "text-background-padding": 2,
          "width": 24, "height": 24, "border-width": 2, "border-color": "#ffffff" } },
      { selector: "node[?center]", style: { "width": 36, "height": 36, "font-size": 17, "font-weight": "bold",
          "border-color": "#f59e0b", "border-width": 4 } },
      { selector: "node[kind = 'Literal']", style: { "shape": "round-rectangle" } },
      { selector: "edge", style: {
          "width": function (e) { return Math.min(1.5 + Math.log2(e.data("weight") || 1) * 1.5, 8); },
          "line-color": "#9aa4ae", "target-arrow-color": "#9aa4ae", "target-arrow-shape": "triangle",
          "curve-style": "bezier", "arrow-scale": 0.9,
          "label": "data(label)", "font-family": FONT, "font-size": 12, "color": "#444c56",
          "text-background-color": "#ffffff", "text-background-opacity": 0.9,
          "text-background-padding": 2, "text-wrap": "wrap", "text-max-width": 200 } },
      { selector: "node:selected", style: { "border-color": "#f59e0b", "border-width": 4 } }
    ];
  }

  function layout(elements) {
    var nodes = elements.nodes || [], count = nodes.length;
    if (count <= 1) return { name: "grid" };
    var centered = nodes.some(function (n) { return n.data.center; });
    if (centered && count <= 40) {  // an entity and its neighbours: the entity in the middle
      return { name: "concentric", animate: false, padding: 12, minNodeSpacing: 40, spacingFactor: 1.25,
               concentric: function (n) { return n.data("center") ? 2 : 1; }, levelWidth: function () { return 1; },
               nodeDimensionsIncludeLabels: true };
    }
    return { name: "cose", animate: false, randomize: false, padding: 12, componentSpacing: 48,
             nodeRepulsion: function () { return 3500; }, nodeOverlap: 8,
             idealEdgeLength: function () { return count > 40 ? 40 : 60; }, edgeElasticity: function () { return 120; },
             gravity: 1.2, numIter: 2000, nodeDimensionsIncludeLabels: true };
  }

  /* A tall layout in a wide box (or the other way round) is drawn small: turn it a quarter. */
  function turn(cy, container) {
    var bb = cy.nodes().boundingBox(), w = container.clientWidth, h = container.clientHeight;
    if (!bb.w || !bb.h || !w || !h) return;
    var layout = bb.w / bb.h, box = w / h;
    if ((layout < 0.8 && box > 1.25) || (layout > 1.25 && box < 0.8)) {
      cy.nodes().positions(function (n) { var p = n.position(); return { x: p.y, y: p.x }; });
    }
  }

  function draw(container, elements) {
    if (!window.cytoscape || !container) return null;
    prepare(elements);
    var nodes = (elements.nodes || []).length;
    var cy = window.cytoscape({
      container: container, elements: elements, style: style(), layout: layout(elements),
      minZoom: 0.2, maxZoom: 3, boxSelectionEnabled: false
    });
    cy.on("tap", "node", function (evt) {
      var href = evt.target.data("href");
      if (href && href.charAt(0) === "/") window.location.href = href;
    });
    cy.ready(function () {
      turn(cy, container);
      cy.fit(undefined, 16);
      if (cy.zoom() > 1.3) { cy.zoom(1.3); cy.center(); }
    });
    container.setAttribute("data-nodes", String(nodes));
    container.setAttribute("data-edges", String((elements.edges || []).length));
    graphs[container.id] = cy;
    return cy;
  }

  function init() {
    var blocks = document.querySelectorAll("script.graph-data");
    Array.prototype.forEach.call(blocks, function (block) {
      var target = document.getElementById(block.getAttribute("data-target"));
      try { draw(target, JSON.parse(block.textContent)); }
      catch (err) { console.warn("graph not drawn", err); }
    });
    Array.prototype.forEach.call(document.querySelectorAll("button.fit"), function (b) {
      b.addEventListener("click", function () {
        var cy = graphs[b.getAttribute("data-graph")];
        if (cy) cy.fit(undefined, 24);
      });
    });
  }

  window.LawgraphGraph = { draw: draw, colour: colour, graphs: graphs };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
