// Initialises the self-hosted Swagger UI (a separate file because the CSP forbids inline scripts).
window.addEventListener('load', function () {
  window.SwaggerUIBundle({ url: '/api/v1/openapi.json', dom_id: '#swagger-ui', deepLinking: true });
});
