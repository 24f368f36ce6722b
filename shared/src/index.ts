export * from "./abi/generated.ts";
export * from "./address-book/address-book.ts";
export {
  MANIFEST_VERSION_TAG,
  InvalidBundleError,
  buildManifest,
  canonicalPath,
  contentHashOf,
  serialiseManifest,
  sha256,
  toHex,
  type BundleFile,
  type Manifest,
  type ManifestEntry,
} from "./content/manifest.ts";
export { base32Lower, toCidV1Raw } from "./content/cid.ts";
export { GAS_MULTIPLIER, withGasMargin } from "./chain/gas.ts";
export { jsonRpc } from "./chain/json-rpc.ts";
export { permitTypes } from "./chain/permit.ts";
export {
  APPLICATION_LIMITS,
  APPLICATION_PRIMARY_TYPE,
  NO_PLACE,
  admissionsDomain,
  applicationSignerTypes,
  applicationSubmission,
  applicationTypes,
  PROFILE_CHANGE_PRIMARY_TYPE,
  profileChangeTypes,
  profileChangeSignerTypes,
  type ApplicationSubmission,
  type SignedApplication,
  type SignedProfileChange,
} from "./chain/application.ts";
export {
  NODE_SIGNING_RPC_METHODS,
  PUBLIC_RPC_METHODS,
  RPC_METHOD_NOT_ENABLED,
  RPC_METHOD_NOT_FOUND,
  SUBSCRIPTION_RPC_METHODS,
  rpcMethodKind,
  type RpcMethodKind,
} from "./chain/rpc-methods.ts";
export {
  PROFILE_LIMITS,
  InvalidProfileError,
  parseProfile,
  profileFromDataUri,
  profileKinds,
  validateProfile,
  type ProfileDocument,
  type ProfileKind,
} from "./content/profile.ts";
export {
  CONTENT_UPLOAD_FIELDS,
  CONTENT_UPLOAD_PRIMARY_TYPE,
  contentUploadDomain,
  contentUploadForm,
  contentUploadTypes,
  type ContentUploadMessage,
} from "./content/upload.ts";
