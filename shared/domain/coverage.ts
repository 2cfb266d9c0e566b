// Coverage-planning vocabulary shared with the client: the camera kinds a plan may buy (with the field of
// view and range of the county's existing cameras of that kind, and a unit price the planner can
// override), and the site kinds that carry face recognition (they may require double coverage).
export const PLANNABLE_KINDS = ['public', 'face', 'checkpoint'] as const;
export type PlannableKind = (typeof PLANNABLE_KINDS)[number];

export const NEW_CAMERA_SPECS: Record<PlannableKind, { fov: number; rangeM: number; costYuan: number }> = {
  public: { fov: 70, rangeM: 60, costYuan: 12000 },
  face: { fov: 50, rangeM: 25, costYuan: 35000 },
  checkpoint: { fov: 40, rangeM: 100, costYuan: 60000 },
};

/** Where the county's face-recognition cameras stand (stations, hospitals, government seats: DOMAIN.md). */
export const FACE_SITE_KINDS = ['station', 'hospital', 'government'] as const;
