// The fields each import reads from a file, by the names the mapping uses: the server's readers (server/import/)
// look the file's headers or properties up for these, and the import dialog (client/views/import/) lists and maps
// the same ones — one list, so a field added on one side is there on the other.

/** An incident table's fields (server/import/incident-rows.ts; its header aliases per field). */
export const IMPORT_FIELDS = ['id', 'category', 'reported_at', 'lon', 'lat', 'address', 'title', 'status', 'closed_at'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** A camera ledger's fields (server/import/camera-rows.ts). */
export const CAMERA_FIELDS = ['id', 'name', 'kind', 'lon', 'lat', 'bearing', 'fov', 'range_m', 'status', 'installed_on'] as const;
export type CameraField = (typeof CAMERA_FIELDS)[number];

/** A key-site table's fields (server/import/import-sites.ts). */
export const SITE_FIELDS = ['name', 'kind', 'lon', 'lat'] as const;
export type SiteField = (typeof SITE_FIELDS)[number];

/** A police-station table's fields (server/import/import-stations.ts): CSV, .xlsx or GeoJSON points. */
export const STATION_FIELDS = ['name', 'kind', 'address', 'lon', 'lat', 'units'] as const;
export type StationField = (typeof STATION_FIELDS)[number];

/** A polygon file's properties (township, village, grid: server/import/area-checks.ts). */
export const AREA_FIELDS = ['code', 'name', 'parent', 'kind', 'place', 'leader', 'members', 'households'] as const;
export type AreaField = (typeof AREA_FIELDS)[number];

/** A road file's properties (server/import/import-roads.ts). */
export const ROAD_FIELDS = ['name', 'class'] as const;
export type RoadField = (typeof ROAD_FIELDS)[number];
