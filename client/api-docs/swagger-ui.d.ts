// Swagger UI's prebuilt bundle (swagger-ui-dist) has no type declarations; the page uses its one entry point.
declare module 'swagger-ui-dist/swagger-ui-es-bundle.js' {
  const SwaggerUI: (options: Record<string, unknown>) => unknown;
  export default SwaggerUI;
}
