// Camera kinds (DOMAIN.md "Cameras"): public (公共), integrated social (社会), face recognition (人脸识别)
// and HD checkpoint (卡口). Public, face and checkpoint cameras together are the public network (2394 in
// Tongyu 2022); social cameras are private ones integrated into the platform.
export const CAMERA_KINDS = ['public', 'face', 'checkpoint', 'social'] as const;
export type CameraKind = (typeof CAMERA_KINDS)[number];
export const CAMERA_KIND_INFO: Record<CameraKind, { zh: string; en: string; color: [number, number, number] }> = {
  public: { zh: '公共监控', en: 'Public', color: [0, 122, 255] },
  face: { zh: '人脸识别', en: 'Face recognition', color: [255, 45, 85] },
  checkpoint: { zh: '高清卡口', en: 'HD checkpoint', color: [255, 149, 0] },
  social: { zh: '社会监控', en: 'Social', color: [120, 120, 128] },
};
export const CAMERA_STATUSES = ['online', 'offline'] as const;
export type CameraStatus = (typeof CAMERA_STATUSES)[number];
export const CAMERA_STATUS_INFO: Record<CameraStatus, { zh: string; en: string }> = { online: { zh: '在线', en: 'online' }, offline: { zh: '离线', en: 'offline' } };
