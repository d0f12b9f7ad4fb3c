/* Entity pickers: a text field with suggestions from the `search` canned question (Chinese
 * names, short names and pinyin). ARIA combobox pattern: arrow keys move through the list,
 * Enter chooses, Escape closes. The chosen IRI goes in the hidden field beside; a name typed
 * without choosing is sent as typed and looked up by the server. */
(function () {
  "use strict";
  var lang = document.body.getAttribute("data-lang") || "zh";
  var EMPTY = lang === "en" ? "No matching entity" : "没有匹配的实体";
  var labels = {};
  try { labels = JSON.parse(document.getElementById("kind-labels").textContent); } catch (e) { labels = {}; }
  function kinds(types) {
    return String(types || "").split(" ").filter(Boolean)
      .map(function (t) { return labels[t] || t; }).join(" · ");
  }

  function setup(box) {
    var input = box.querySelector("input[role=combobox]");
    var hidden = box.querySelector("input[data-iri]");
    var list = box.querySelector("[role=listbox]");
    var type = box.getAttribute("data-search-type");
    var items = [], active = -1, timer = null, serial = 0;

    function close() {
      list.hidden = true; input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant"); active = -1;
    }
    function highlight(i) {
      var options = list.querySelectorAll("[role=option]");
      Array.prototype.forEach.call(options, function (o, j) { o.setAttribute("aria-selected", j === i ? "true" : "false"); });
      active = i;
      if (i >= 0 && options[i]) {
        input.setAttribute("aria-activedescendant", options[i].id);
        options[i].scrollIntoView({ block: "nearest" });
      }
    }
    function choose(i) {
      var item = items[i];
      if (!item) return;
      input.value = item.label; hidden.value = item.entity; close();
    }
    function show(rows) {
      items = rows; list.innerHTML = ""; active = -1;
      if (!rows.length) {
        var li = document.createElement("li"); li.className = "empty"; li.textContent = EMPTY;
        li.setAttribute("aria-disabled", "true"); list.appendChild(li);
      }
      rows.forEach(function (row, i) {
        var li = document.createElement("li");
        li.id = input.id + "-opt-" + i; li.setAttribute("role", "option"); li.setAttribute("aria-selected", "false");
        var name = document.createElement("span"); name.textContent = row.label; name.lang = "zh";
        var meta = document.createElement("small");
        var extra = row.matched && row.matched !== row.label ? " · " + row.matched : "";
        meta.textContent = kinds(row.types) + extra;
        li.appendChild(name); li.appendChild(meta);
        li.addEventListener("mousedown", function (e) { e.preventDefault(); choose(i); });
        list.appendChild(li);
      });
      list.hidden = false; input.setAttribute("aria-expanded", "true");
    }
    function search() {
      var text = input.value.trim();
      if (!text) { close(); return; }
      var mine = ++serial;
      var url = "/queries/search?limit=12&text=" + encodeURIComponent(text) + (type ? "&type=" + encodeURIComponent(type) : "");
      fetch(url, { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { rows: [] }; })
        .then(function (body) { if (mine === serial) show(body.rows || []); })
        .catch(function () { if (mine === serial) close(); });
    }
    input.addEventListener("input", function () {
      hidden.value = "";
      clearTimeout(timer); timer = setTimeout(search, 180);
    });
    input.addEventListener("keydown", function (e) {
      var open = !list.hidden && items.length;
      if (e.key === "ArrowDown") { e.preventDefault(); if (!open) { search(); return; } highlight(Math.min(active + 1, items.length - 1)); }
      else if (e.key === "ArrowUp") { if (open) { e.preventDefault(); highlight(Math.max(active - 1, 0)); } }
      else if (e.key === "Enter") { if (open && active >= 0) { e.preventDefault(); choose(active); } }
      else if (e.key === "Escape") { if (!list.hidden) { e.preventDefault(); close(); } }
    });
    input.addEventListener("blur", function () { setTimeout(close, 120); });
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-picker]"), setup);
})();
