import type { LightMyRequestResponse } from 'fastify';
import type { Session } from './test-app';

/** A minimal JPEG (SOI + JFIF marker + EOI); `salt` makes distinct contents. */
export function tinyJpeg(salt = 0): Buffer {
  return Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
    Buffer.from(`JFIF\0xiuhua-${salt}`),
    Buffer.from([0xff, 0xd9]),
  ]);
}

/** Uploads bytes as multipart/form-data field "file" to /api/cases/:id/photos. */
export function uploadPhoto(
  who: Session,
  caseId: number,
  kind: 'before' | 'after',
  bytes: Buffer = tinyJpeg(Math.floor(Math.random() * 1e9)),
  filename = 'photo.jpg',
): Promise<LightMyRequestResponse> {
  const boundary = `----xiuhua${Math.random().toString(16).slice(2)}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: image/jpeg\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return who.request({
    method: 'POST',
    url: `/api/cases/${caseId}/photos?kind=${kind}`,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: body,
  });
}
