// The API reference page: Swagger UI (swagger-ui-dist, bundled into the client by vite: nothing is fetched from
// outside, the page works offline) over GET /api/openapi.json, the document the server makes from its route
// declarations. The document needs a session (its access rule is signed-in): without one, the page says so and
// links to the dashboard's login. "Try it out" calls the API with the same session, as the dashboard does.
import SwaggerUI from 'swagger-ui-dist/swagger-ui-es-bundle.js';
import 'swagger-ui-dist/swagger-ui.css';

const status = document.getElementById('docs-status')!;

async function start(): Promise<void> {
  const res = await fetch('/api/openapi.json', { credentials: 'same-origin' });
  if (res.status === 401) {
    status.innerHTML = '';
    status.append('请先登录仪表盘，再打开接口文档。 Sign in to the dashboard first, then open the API reference. ');
    const a = Object.assign(document.createElement('a'), { href: '/', textContent: '登录 · Sign in' });
    status.append(a);
    return;
  }
  if (!res.ok) {
    status.textContent = `接口说明加载失败（${res.status}）。 The API description could not be loaded (${res.status}).`;
    return;
  }
  const spec = await res.json();
  status.textContent = '';
  SwaggerUI({ spec, domNode: document.getElementById('swagger'), deepLinking: true, docExpansion: 'none', defaultModelsExpandDepth: 0, displayRequestDuration: true, tryItOutEnabled: false });
}

start().catch((e: unknown) => {
  status.textContent = `接口说明加载失败。 The API description could not be loaded: ${String(e)}`;
});
