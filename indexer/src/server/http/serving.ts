/**
 * Headers for serving what strangers uploaded, so that nothing in it runs in any origin: only a
 * short allow-list of passive image types is shown inline; everything else (SVG, HTML, XML,
 * scripts, PDF, text, unknown) is an attachment. Every file carries nosniff and a sandboxing
 * CSP, and, being addressed by its hash, is immutable with its CID as ETag.
 */
export const PASSIVE_TYPES: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  avif: "image/avif",
};

const KNOWN_TYPES: Record<string, string> = {
  md: "text/markdown; charset=utf-8",
  txt: "text/plain; charset=utf-8",
  json: "application/json",
  svg: "image/svg+xml",
  pdf: "application/pdf",
  stl: "model/stl",
  html: "text/html; charset=utf-8",
  htm: "text/html; charset=utf-8",
  xml: "application/xml",
  js: "text/javascript",
  css: "text/css",
};

export const CONTENT_SECURITY_POLICY = "sandbox; default-src 'none'";
export const IMMUTABLE = "public, max-age=31536000, immutable";

function extension(filePath: string): string {
  const name = filePath.slice(filePath.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  return dot <= 0 ? "" : name.slice(dot + 1).toLowerCase();
}

/** `attachment` with an ASCII file name and its UTF-8 form (RFC 6266). */
function attachment(filePath: string): string {
  const name = filePath.slice(filePath.lastIndexOf("/") + 1);
  const ascii = name.replace(/[^A-Za-z0-9._-]/g, "_") || "file";
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function fileHeaders(filePath: string, etag: string, size: number): Record<string, string> {
  const ext = extension(filePath);
  const passive = PASSIVE_TYPES[ext];
  return {
    "content-type": passive ?? KNOWN_TYPES[ext] ?? "application/octet-stream",
    "content-disposition": passive ? "inline" : attachment(filePath),
    "content-length": String(size),
    ...safetyHeaders(etag),
  };
}

export function safetyHeaders(etag: string): Record<string, string> {
  return {
    "x-content-type-options": "nosniff",
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "cache-control": IMMUTABLE,
    etag: `"${etag}"`,
  };
}

/** Whether If-None-Match names this ETag (or is *). */
export function notModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(",")
    .map((t) => t.trim().replace(/^W\//, ""))
    .some((t) => t === "*" || t === `"${etag}"`);
}
