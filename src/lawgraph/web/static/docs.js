/* /docs: Swagger UI (vendored) on this app's OpenAPI document. An external script, as the
 * Content-Security-Policy allows no inline one; no validator badge (it would call a server
 * elsewhere): nothing is fetched from anywhere but this host. */
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  if (!window.SwaggerUIBundle || !root) return;
  window.SwaggerUIBundle({
    url: new URL(root.getAttribute("data-openapi"), window.location.href).href,
    dom_id: "#swagger-ui",
    deepLinking: true,
    validatorUrl: null,
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
  });
})();
