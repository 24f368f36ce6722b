/**
 * The EIP-712 message a member signs to upload a bundle to a SPIN content store: the bundle's
 * content hash (its manifest's sha-256), the uploader, and a deadline. The domain binds it to
 * one chain and one commons registry (the registry whose members may upload). The dApp signs
 * exactly this; the indexer checks exactly this.
 */
export const contentUploadTypes = {
  ContentUpload: [
    { name: "contentHash", type: "bytes32" },
    { name: "uploader", type: "address" },
    { name: "deadline", type: "uint64" },
  ],
} as const;

export const CONTENT_UPLOAD_PRIMARY_TYPE = "ContentUpload";

/** The domain of an upload signature for the registry `registry` on chain `chainId`. */
export function contentUploadDomain(chainId: number, registry: `0x${string}`) {
  return {
    name: "SPIN content store",
    version: "1",
    chainId,
    verifyingContract: registry,
  } as const;
}

export interface ContentUploadMessage {
  contentHash: `0x${string}`;
  uploader: `0x${string}`;
  /** Unix seconds after which the signature is refused. */
  deadline: bigint;
}

/** The multipart form fields of POST /content, besides one `file` part per file in manifest order. */
export const CONTENT_UPLOAD_FIELDS = {
  contentHash: "contentHash",
  uploader: "uploader",
  deadline: "deadline",
  signature: "signature",
  /** JSON list of the files' paths, in the order of the `file` parts. */
  paths: "paths",
  file: "file",
} as const;

/**
 * The multipart body of an upload: the signed fields, then each file as a `file` part (paths
 * are listed in `paths`, so no client mangles them as file names). Works in Node and browsers.
 */
export function contentUploadForm(
  files: readonly { path: string; bytes: Uint8Array }[],
  signed: ContentUploadMessage & { signature: `0x${string}` },
): FormData {
  const form = new FormData();
  form.set(CONTENT_UPLOAD_FIELDS.contentHash, signed.contentHash);
  form.set(CONTENT_UPLOAD_FIELDS.uploader, signed.uploader);
  form.set(CONTENT_UPLOAD_FIELDS.deadline, signed.deadline.toString());
  form.set(CONTENT_UPLOAD_FIELDS.signature, signed.signature);
  form.set(CONTENT_UPLOAD_FIELDS.paths, JSON.stringify(files.map((f) => f.path)));
  for (const file of files) {
    form.append(
      CONTENT_UPLOAD_FIELDS.file,
      new Blob([file.bytes as Uint8Array<ArrayBuffer>]),
      "file",
    );
  }
  return form;
}
