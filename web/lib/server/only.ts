/**
 * Imported first by every module that reads the server's settings, files or secrets. The App
 * Router's "server-only" cannot be used: the light read pages (pages/lite) render the same
 * modules through the Pages Router, whose bundles are built for the browser too (and never
 * sent: those pages ship no runtime). Should such a bundle ever run, this stops it at once.
 */
if (typeof window !== "undefined")
  throw new Error("A server module was loaded in the browser: it must stay on the server.");

export {};
