// The admin HTTP API: routes only (app.ts), served by the process that runs the queries (serve.ts).
export { createAdminApp, type AdminSources, type VersionInfo } from "./app.ts";
export { defaultAdminHost, startAdminServer } from "./serve.ts";
export { openApiDocument } from "./openapi.ts";
