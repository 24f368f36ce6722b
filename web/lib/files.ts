/**
 * What the app does with a bundle's files. Images are shown through <img>, which runs no script
 * (an SVG's scripts included). Only inert kinds get a download link; active kinds (SVG, HTML,
 * XML, JavaScript, PDF and anything unknown) are never linked or framed in the app's origin.
 */
const IMAGE = /\.(png|jpe?g|gif|webp|avif|svg)$/i;
const DOWNLOADABLE =
  /\.(png|jpe?g|gif|webp|avif|txt|md|markdown|csv|stl|step|stp|3mf|obj|dxf|gcode|nc|zip|scad|fcstd|ino|c|h|py)$/i;

export function isImage(path: string): boolean {
  return IMAGE.test(path);
}

export function isDownloadable(path: string): boolean {
  return DOWNLOADABLE.test(path);
}

/** The picture for a work's card and header: an image named "cover", else the first image. */
export function coverOf(paths: readonly string[]): string | undefined {
  const images = paths.filter(isImage);
  return images.find((p) => /(^|\/)cover\.[a-z]+$/i.test(p)) ?? images[0];
}
