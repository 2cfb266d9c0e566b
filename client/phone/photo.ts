// The report's photo on a slow connection: scaled down and kept as a data URL (so it waits in the localStorage
// outbox with its report), and made a Blob again when the report is sent.

/** A photo scaled to at most 1280 px and re-encoded as JPEG: a few hundred KB for a slow connection. */
export async function shrinkPhoto(file: File): Promise<string> {
  const url = URL.createObjectURL(file);
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const scale = Math.min(1, 1280 / Math.max(img.naturalWidth, img.naturalHeight));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(img.naturalWidth * scale));
    canvas.height = Math.max(1, Math.round(img.naturalHeight * scale));
    canvas.getContext('2d')!.drawImage(img, 0, 0, canvas.width, canvas.height);
    return canvas.toDataURL('image/jpeg', 0.72);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** A data URL's bytes as a Blob of its type. */
export function dataUrlBlob(d: string): Blob {
  const [head, b64] = d.split(',');
  const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
  return new Blob([bytes], { type: /data:([^;]+)/.exec(head)?.[1] ?? 'image/jpeg' });
}
