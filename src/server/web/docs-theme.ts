/**
 * What the API reference (Swagger UI) is given to pass the same accessibility check as the app:
 * darker colours where its own fall below a 4.5:1 contrast, and a script (served from this origin)
 * that names the one control it leaves unnamed (the servers list).
 */
export const DOCS_CSS = `
.swagger-ui .opblock.opblock-get .opblock-summary-method { background: #0b5394; }
.swagger-ui .opblock.opblock-post .opblock-summary-method { background: #17652f; }
.swagger-ui .opblock.opblock-put .opblock-summary-method { background: #8a4b00; }
.swagger-ui .opblock.opblock-delete .opblock-summary-method { background: #a1141b; }
.swagger-ui .opblock.opblock-patch .opblock-summary-method { background: #1e6b5c; }
.swagger-ui .info .title small, .swagger-ui .info .title small pre { background: #4a5560; }
.swagger-ui .info .title small.version-stamp, .swagger-ui .info .title small.version-stamp pre { background: #2f6b12; }
.swagger-ui .info .url, .swagger-ui .info a { color: #0b5394; }
.swagger-ui .btn.authorize { color: #17652f; border-color: #17652f; }
.swagger-ui .btn.authorize span { color: #17652f; }
.swagger-ui .btn.authorize svg { fill: #17652f; }
.swagger-ui .opblock-tag small, .swagger-ui .opblock .opblock-summary-description { color: #333; }
.swagger-ui .parameter__name.required span, .swagger-ui .parameter__name.required:after { color: #a1141b; }
.swagger-ui .response-col_status, .swagger-ui .prop-format { color: #333; }
`;

export const DOCS_JS = `
(function () {
  function mend() {
    var servers = document.getElementById('servers');
    if (servers && !servers.getAttribute('aria-label')) servers.setAttribute('aria-label', 'Servers');
  }
  new MutationObserver(mend).observe(document.documentElement, { childList: true, subtree: true });
  mend();
})();
`;
