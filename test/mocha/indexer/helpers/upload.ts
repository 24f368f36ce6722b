/** Signed uploads to the content store, as a member's wallet makes them. */
import {
  buildManifest,
  contentUploadDomain,
  contentUploadForm,
  contentUploadTypes,
  type BundleFile,
} from "@spin/shared";

export interface TypedDataSigner {
  address: string;
  signTypedData(
    domain: Record<string, unknown>,
    types: Record<string, { name: string; type: string }[]>,
    value: Record<string, unknown>,
  ): Promise<string>;
}

export interface UploadTarget {
  url: string;
  chainId: number;
  registry: string;
}

export interface UploadOptions {
  /** Claimed content hash (the bundle's own by default). */
  contentHash?: `0x${string}`;
  /** Unix seconds (an hour from now by default). */
  deadline?: bigint;
  /** Who the fields say uploads (the signer by default). */
  uploader?: string;
  /** Sign for another registry or chain. */
  domain?: { chainId: number; registry: string };
}

/** The multipart body of a signed upload of `files`. */
export async function signedUploadForm(
  target: UploadTarget,
  signer: TypedDataSigner,
  files: BundleFile[],
  options: UploadOptions = {},
): Promise<FormData> {
  const contentHash = options.contentHash ?? (await buildManifest(files)).contentHash;
  const deadline = options.deadline ?? BigInt(Math.floor(Date.now() / 1000) + 3600);
  const uploader = (options.uploader ?? signer.address).toLowerCase() as `0x${string}`;
  const domain = options.domain ?? target;
  const signature = (await signer.signTypedData(
    contentUploadDomain(domain.chainId, domain.registry as `0x${string}`),
    contentUploadTypes as unknown as Record<string, { name: string; type: string }[]>,
    { contentHash, uploader, deadline },
  )) as `0x${string}`;
  return contentUploadForm(files, { contentHash, uploader, deadline, signature });
}

/** POSTs a signed upload of `files` and returns the response. */
export async function uploadBundle(
  target: UploadTarget,
  signer: TypedDataSigner,
  files: BundleFile[],
  options: UploadOptions = {},
): Promise<Response> {
  return fetch(`${target.url}/content`, {
    method: "POST",
    body: await signedUploadForm(target, signer, files, options),
  });
}
