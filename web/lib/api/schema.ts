/**
 * The indexer API's types, generated from its OpenAPI document (npm run api:types); do not edit.
 * paths["/route"]["get"]["responses"][200]["content"]["application/json"] is a route's answer;
 * components["schemas"] holds the named shapes (Participant, LedgerEntry, ProposalDetail...).
 */
export interface paths {
  "/accounts/{account}/balance": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** An account's coin balance (0 for unknown accounts) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          account: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The balance */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["CoinBalance"];
          };
        };
        /** @description Invalid request: the JSON body names the field */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Any other error (405 with Allow, 500 with the request id) */
        default: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/accounts/{account}/claimable": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** What an account may claim now: licence earnings per work (as Licensing.claimable) and vested stream amounts (as CommonFund.claimable), at the last indexed block's time, each with the running unclaimable mark's sweep time (as unclaimableMark) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          account: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Non-zero amounts (and marked ones) as decimal strings, and their total */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Claimable"];
          };
        };
        /** @description Invalid request: the JSON body names the field */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Any other error (405 with Allow, 500 with the request id) */
        default: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/accounts/{account}/transfers": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Coin transfers from or to an account, newest first */
    get: {
      parameters: {
        query?: {
          cursor?: string;
          limit?: string;
        };
        header?: never;
        path: {
          account: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description A page of transfers */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["TransferPage"];
          };
        };
        /** @description Invalid request: the JSON body names the field */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Any other error (405 with Allow, 500 with the request id) */
        default: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/activity": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every indexed event, newest first */
    get: {
      parameters: {
        query?: {
          contract?: string;
          cursor?: string;
          event?: string;
          limit?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description A page of events */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["EventPage"];
          };
        };
        /** @description Invalid request: the JSON body names the field */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Any other error (405 with Allow, 500 with the request id) */
        default: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/activity/stream": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** New activity as server-sent events (ready, events, rollback, reset; close with the reason before a slow client is dropped) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description text/event-stream */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "text/event-stream": string;
          };
        };
        /** @description Invalid request: the JSON body names the field */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Not ready */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Any other error (405 with Allow, 500 with the request id) */
        default: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/applications": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Newcomers' signed applications a member can relay now (applyBySigAndVouch), with their profiles */
    get: {
      parameters: {
        query?: {
          cursor?: string;
          kind?: "Person" | "Cooperative" | "Place" | "Enterprise";
          limit?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description A page of applications, by applicant */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["PendingApplicationPage"];
          };
        };
        /** @description Invalid request: the JSON body names the field */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Any other error (405 with Allow, 500 with the request id) */
        default: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    put?: never;
    /** Leave a newcomer's signed application for members to relay (checked as Admissions would check it at the indexed head), with its profile document if not stored yet */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          "application/json": components["schemas"]["ApplicationSubmission"];
        };
      };
      responses: {
        /** @description Stored: listed until relayed or expired */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["StoredApplication"];
          };
        };
        /** @description Invalid request: the JSON body names the field */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description No valid signature */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Conflicts with what is stored */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Too large: the body gives the limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Unsupported content type */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Quota used up: the body gives the limit */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Not ready */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Any other error (405 with Allow, 500 with the request id) */
        default: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/content": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Search bundles that registered works name, by title, summary, tags and machines */
    get: {
      parameters: {
        query?: {
          cursor?: string;
          limit?: string;
          q?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description A page of bundles */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["BundlePage"];
          };
        };
        /** @description Invalid request: the JSON body names the field */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Any other error (405 with Allow, 500 with the request id) */
        default: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    put?: never;
    /** Upload a bundle, signed by an admitted member (EIP-712 ContentUpload over its content hash). Unregistered bundles are served by hash, never searched, and removed after the grace period. */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          "multipart/form-data": {
            contentHash: string;
            /** @description Unix seconds */
            deadline: string;
            file: string[];
            /** @description JSON list of the files' paths, in the order of the file parts */
            paths: string;
            /** @description EIP-712 ContentUpload (see @spin/shared) */
            signature: string;
            uploader: string;
          };
        };
      };
      responses: {
        /** @description Already stored */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["StoredBundle"];
          };
        };
        /** @description Stored */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["StoredBundle"];
          };
        };
        /** @description Invalid request: the JSON body names the field */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description No valid signature */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description The signer may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Conflicts with what is stored */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Too large: the body gives the limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Unsupported content type */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Quota used up: the body gives the limit */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Not ready */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Any other error (405 with Allow, 500 with the request id) */
        default: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/content/{ref}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A bundle's manifest entries and front matter, by content hash or CID */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description A bundle's content hash (0x + 64 hex) or its CIDv1 */
          ref: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The bundle */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Bundle"];
          };
        };
        /** @description Invalid request: the JSON body names the field */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Not found */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Any other error (405 with Allow, 500 with the request id) */
        default: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/content/{ref}/files/{path}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One file of a bundle, verified. Passive images (png, jpeg, gif, webp, avif) inline; every other type as an attachment; always nosniff, CSP sandbox, immutable, ETag = the file's CID */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description The file's path in the bundle (slashes allowed, URL-encoded) */
          path: string;
          /** @description A bundle's content hash (0x + 64 hex) or its CIDv1 */
          ref: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The file */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/octet-stream": string;
          };
        };
        /** @description Not modified (If-None-Match named the file's CID) */
        304: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Invalid request: the JSON body names the field */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Not found */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Any other error (405 with Allow, 500 with the request id) */
        default: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/content/{ref}/manifest": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The manifest bytes, verified (immutable; ETag is the bundle's CID) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description A bundle's content hash (0x + 64 hex) or its CIDv1 */
          ref: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The manifest */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "text/plain": string;
          };
        };
        /** @description Not modified (If-None-Match named the CID) */
        304: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Invalid request: the JSON body names the field */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Not found */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Any other error (405 with Allow, 500 with the request id) */
        default: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/delegates": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The delegate directory: members by votes delegated to them, most first, with names */
    get: {
      parameters: {
        query?: {
          cursor?: string;
          limit?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description A page of delegates */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["DelegatePage"];
          };
        };
        /** @description Invalid request: the JSON body names the field */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Any other error (405 with Allow, 500 with the request id) */
        default: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/enodes": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The node allowlist */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Enodes */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Enodes"];
          };
        };
        /** @description Invalid request: the JSON body names the field */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Any other error (405 with Allow, 500 with the request id) */
        default: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/funds": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Sub-funds, with the cap in force, any scheduled cap raise, and the licence fee shares Licensing holds for them until flushFund */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Sub-funds */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["SubFunds"];
          };
        };
        /** @description Invalid request: the JSON body names the field */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Any other error (405 with Allow, 500 with the request id) */
        default: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/funds/{subFund}/balances": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A sub-fund's balance after each of its movements, oldest first */
    get: {
      parameters: {
        query?: {
          cursor?: string;
          limit?: string;
        };
        header?: never;
        path: {
          subFund: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The balance series */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["BalanceSeries"];
          };
        };
        /** @description Invalid request: the JSON body names the field */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Not found */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Any other error (405 with Allow, 500 with the request id) */
        default: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/funds/{subFund}/movements": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every movement of a sub-fund, newest first */
    get: {
      parameters: {
        query?: {
          cursor?: string;
          limit?: string;
        };
        header?: never;
        path: {
          subFund: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description A page of movements */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["MovementPage"];
          };
        };
        /** @description Invalid request: the JSON body names the field */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Not found */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Any other error (405 with Allow, 500 with the request id) */
        default: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/funds/ledger": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The public accounts: every movement of every sub-fund, newest first, with the proposal that executed it; as JSON or CSV (format=csv or Accept: text/csv) */
    get: {
      parameters: {
        query?: {
          counterparty?: string;
          cursor?: string;
          direction?: "in" | "out";
          /** @description csv answers text/csv (as does Accept: text/csv); the next page's cursor is in X-Next-Cursor */
          format?: "json" | "csv";
          /** @description Unix time: movements at or after it */
          from?: string;
          limit?: string;
          subFund?: string;
          /** @description Unix time: movements before it */
          to?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description A page of the ledger */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["LedgerPage"];
            "text/csv": string;
          };
        };
        /** @description Invalid request: the JSON body names the field */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Not ready */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Any other error (405 with Allow, 500 with the request id) */
        default: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/health": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Sync status */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Healthy */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Health"];
          };
        };
        /** @description Invalid request: the JSON body names the field */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Stuck or failed */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Health"];
          };
        };
        /** @description Any other error (405 with Allow, 500 with the request id) */
        default: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/licences/check": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** May an account use a work commercially, and why (as Licensing.licenceStatus) */
    get: {
      parameters: {
        query: {
          account: string;
          contentHash?: string;
          workId?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The answer */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["LicenceStatus"];
          };
        };
        /** @description Invalid request: the JSON body names the field */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Any other error (405 with Allow, 500 with the request id) */
        default: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/licences/records": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Licence records, newest first */
    get: {
      parameters: {
        query?: {
          cursor?: string;
          licensee?: string;
          limit?: string;
          workId?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description A page of records */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["LicenceRecordPage"];
          };
        };
        /** @description Invalid request: the JSON body names the field */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Any other error (405 with Allow, 500 with the request id) */
        default: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/licences/templates": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Licence templates and their terms, each with the licences forks of its share-alike works may use */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Templates */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["LicenceTemplates"];
          };
        };
        /** @description Invalid request: the JSON body names the field */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Any other error (405 with Allow, 500 with the request id) */
        default: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/metrics": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Prometheus metrics of the sync and the API */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Metrics text */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "text/plain": string;
          };
        };
        /** @description Invalid request: the JSON body names the field */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Any other error (405 with Allow, 500 with the request id) */
        default: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/names": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Display names of up to 100 addresses (address=..&address=..), SPIN's contracts included */
    get: {
      parameters: {
        query: {
          address: string[];
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description One entry per address, in the order asked */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Names"];
          };
        };
        /** @description Invalid request: the JSON body names the field */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Any other error (405 with Allow, 500 with the request id) */
        default: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/openapi.json": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** This document (OpenAPI 3.1) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The OpenAPI document */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": {
              [key: string]: unknown;
            };
          };
        };
        /** @description Invalid request: the JSON body names the field */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Any other error (405 with Allow, 500 with the request id) */
        default: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/participants": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Participants with their names, filtered by kind, status or machine */
    get: {
      parameters: {
        query?: {
          /** @description Only accounts whose latest application is in this state */
          application?: "open" | "scheduled" | "admissible" | "rejected" | "expired" | "admitted";
          cursor?: string;
          kind?: "Person" | "Cooperative" | "Place" | "Enterprise";
          limit?: string;
          machine?: string;
          status?: "Applicant" | "Admitted" | "Suspended" | "Expelled";
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description A page of participants */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["ParticipantPage"];
          };
        };
        /** @description Invalid request: the JSON body names the field */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Any other error (405 with Allow, 500 with the request id) */
        default: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/participants/{account}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A participant with its name and delegation */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          account: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The participant */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["ParticipantDetail"];
          };
        };
        /** @description Invalid request: the JSON body names the field */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Not found */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Any other error (405 with Allow, 500 with the request id) */
        default: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/profiles": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Store a newcomer's profile document (its exact bytes; profileHash is their sha-256) until an application names it */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          "application/json": Record<string, never>;
        };
      };
      responses: {
        /** @description Stored */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["StoredProfile"];
          };
        };
        /** @description Invalid request: the JSON body names the field */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Too large: the body gives the limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Unsupported content type */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Quota used up: the body gives the limit */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Any other error (405 with Allow, 500 with the request id) */
        default: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/profiles/{profileHash}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A profile document, once an application or profile update on chain names its hash */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          profileHash: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The document */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["ProfileDocument"];
          };
        };
        /** @description Invalid request: the JSON body names the field */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Not found */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Any other error (405 with Allow, 500 with the request id) */
        default: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/proposals": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Proposals with decoded actions, quorum and phase (the governor's state), newest first */
    get: {
      parameters: {
        query?: {
          cursor?: string;
          limit?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description A page of proposals */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["ProposalPage"];
          };
        };
        /** @description Invalid request: the JSON body names the field */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Any other error (405 with Allow, 500 with the request id) */
        default: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/proposals/{proposalId}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A proposal page: title and description, decoded calls with named arguments, timeline, tally with quorum, votes with names, and with ?account= that account's view */
    get: {
      parameters: {
        query?: {
          account?: string;
        };
        header?: never;
        path: {
          proposalId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The proposal */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["ProposalDetail"];
          };
        };
        /** @description Invalid request: the JSON body names the field */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Not found */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Any other error (405 with Allow, 500 with the request id) */
        default: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/registry/rules": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The admission rule in force for new applications: vouches, window, admission delay, ripening, seniority, vouch budget and reapply cool-down */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The rule */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["AdmissionRule"];
          };
        };
        /** @description Invalid request: the JSON body names the field */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Not found */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Any other error (405 with Allow, 500 with the request id) */
        default: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/streams": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Streams, newest first */
    get: {
      parameters: {
        query?: {
          cursor?: string;
          limit?: string;
          recipient?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description A page of streams */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["StreamPage"];
          };
        };
        /** @description Invalid request: the JSON body names the field */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Any other error (405 with Allow, 500 with the request id) */
        default: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/unclaimable": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Running unclaimable marks (licence earnings and streams an owner could not claim), soonest sweep first, as Licensing.unclaimableMark and CommonFund.unclaimableMark */
    get: {
      parameters: {
        query?: {
          /** @description Only marks on this contributor's or recipient's claims */
          account?: string;
          cursor?: string;
          kind?: "licence" | "stream";
          limit?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description A page of running marks */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["UnclaimableMarkPage"];
          };
        };
        /** @description Invalid request: the JSON body names the field */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Any other error (405 with Allow, 500 with the request id) */
        default: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/works": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Works, newest first; full-text search over title, summary, tags and machines */
    get: {
      parameters: {
        query?: {
          adopter?: string;
          contributor?: string;
          cursor?: string;
          licenceId?: string;
          limit?: string;
          machine?: string;
          q?: string;
          tag?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description A page of works */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["WorkPage"];
          };
        };
        /** @description Invalid request: the JSON body names the field */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Any other error (405 with Allow, 500 with the request id) */
        default: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/works/{workId}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A work with versions, parents, children, stewards, adopters, its licence income pot and the upstream income received from its children */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          workId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The work */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["WorkDetail"];
          };
        };
        /** @description Invalid request: the JSON body names the field */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Not found */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Any other error (405 with Allow, 500 with the request id) */
        default: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    AdmissionRule: {
      /** @description Between the last vouch and the admission: governance's window to reject */
      admissionDelaySeconds: number;
      blockNumber: number;
      budgetPeriodSeconds: number;
      /** @description After a rejection or an expired window, before applying again */
      reapplyCooldownSeconds: number;
      /** @description Between a Person's admission by vouches and its vote counting */
      ripeningPeriodSeconds: number;
      /** @description Vouches a member may give per budget period */
      vouchBudget: number;
      /** @description Membership a Person needs to vouch */
      voucherSenioritySeconds: number;
      /** @description Distinct vouches that schedule an admission */
      vouchThreshold: number;
      vouchWindowSeconds: number;
    };
    /** @description The account's latest application to Admissions, if it ever applied */
    Application: {
      admissibleAt: number | null;
      admissionDelaySeconds: number;
      /** @enum {string|null} */
      admittedBy: "Vouches" | "Governance" | null;
      blockNumber: number;
      kind: number;
      mayApplyFrom: number | null;
      profileHash: string;
      profileURI: string;
      /** @description Governance's reason for a rejection */
      reason: string | null;
      ripeningPeriodSeconds: number;
      /** @description Grows with every application and profile change */
      round: number;
      /**
       * @description At the indexed head: open (vouches count until windowEnd), scheduled (governance may reject until admissibleAt), admissible (anyone may complete it), rejected or expired (may apply again from mayApplyFrom), admitted
       * @enum {string}
       */
      state: "open" | "scheduled" | "admissible" | "rejected" | "expired" | "admitted";
      /** @description Vouches needed, fixed into the application */
      threshold: number;
      vouches: number;
      windowEnd: number;
    } | null;
    ApplicationSubmission: {
      application: components["schemas"]["SignedApplication"];
      /** @description The profile document's exact text, when the indexer does not hold it yet (its sha-256 must be profileHash) */
      profile?: string;
      /** @description The applicant's EIP-712 signature over the application */
      signature: string;
    };
    BalancePoint: {
      /** @example 1000000000000000000 */
      balance: string;
      blockNumber: number;
      /** @example 1000000000000000000 */
      change: string;
      logIndex: number;
      time: number | null;
    };
    BalanceSeries: {
      items: components["schemas"]["BalancePoint"][];
      name: string;
      nextCursor: string | null;
      subFund: number;
    };
    Bundle: components["schemas"]["BundleSummary"] & {
      entries: components["schemas"]["ManifestEntry"][];
      /** @description A registered work (or version) names it; unregistered bundles are removed after the grace period */
      registered: boolean;
      /** @description ISO time the bundle was stored */
      stored_at: string;
      /** @example 0xabababababababababababababababababababab */
      uploader: string | null;
    };
    BundlePage: {
      items: components["schemas"]["BundleSummary"][];
      nextCursor: string | null;
    };
    BundleSummary: {
      cid: string;
      content_hash: string;
      file_count: number;
      machines: string[];
      summary: string | null;
      tags: string[];
      title: string | null;
      total_size: number;
    };
    CallArgument: {
      /** @description The name of an address argument */
      label: string | null;
      name: string;
      type: string;
      /** @description uint as decimal string, address lower case */
      value?: unknown;
    };
    Claimable: {
      /** @example 0xabababababababababababababababababababab */
      account: string;
      streams: {
        /** @example 1000000000000000000 */
        amount: string;
        streamId: number;
        /** @description While a mark runs (someone recorded that the account cannot claim this now): from when governance may sweep it (Unix time), unless the account claims first; null when none runs */
        sweepableAt: number | null;
      }[];
      /** @example 1000000000000000000 */
      total: string;
      works: {
        /** @example 1000000000000000000 */
        amount: string;
        /** @description While a mark runs (someone recorded that the account cannot claim this now): from when governance may sweep it (Unix time), unless the account claims first; null when none runs */
        sweepableAt: number | null;
        workId: number;
      }[];
    };
    CoinBalance: {
      /** @example 0xabababababababababababababababababababab */
      account: string;
      /** @example 1000000000000000000 */
      balance: string;
    };
    DecodedCall: {
      args: components["schemas"]["CallArgument"][];
      calldata: string;
      contract: string | null;
      function: string | null;
      signature: string | null;
      /** @example 0xabababababababababababababababababababab */
      target: string;
      targetName: string | null;
      /** @example 1000000000000000000 */
      value: string;
    };
    Delegate: {
      /** @example 0xabababababababababababababababababababab */
      account: string;
      /** @description Accounts whose delegate it is (itself included) */
      delegators: number;
      name: string | null;
      /**
       * @description Votes delegated to this account now
       * @example 1000000000000000000
       */
      votes: string;
    };
    DelegatePage: {
      items: components["schemas"]["Delegate"][];
      nextCursor: string | null;
    };
    Delegation: {
      /** @example 0xabababababababababababababababababababab */
      account: string;
      block_number: number;
      /** @example 0xabababababababababababababababababababab */
      delegate: string;
      /** @example 1000000000000000000 */
      votes: string;
    } | null;
    Enode: {
      block_number: number;
      enode_id: string;
      host: string;
      /** @example 0xabababababababababababababababababababab */
      owner: string;
      port: number;
    };
    Enodes: {
      items: components["schemas"]["Enode"][];
    };
    Error: {
      /** @example invalid_request */
      error: string;
      field: string | null;
      /** @description The limit that was exceeded (413, 429) */
      limit?: number;
      message: string;
      requestId: string;
      /** @description What is already used of it */
      used?: number;
    };
    Event: {
      /** @example 0xabababababababababababababababababababab */
      address: string;
      args: {
        [key: string]: unknown;
      };
      block_hash: string;
      block_number: number;
      contract: string;
      event_name: string;
      log_index: number;
      transaction_hash: string;
    };
    EventPage: {
      items: components["schemas"]["Event"][];
      nextCursor: string | null;
    };
    Health: {
      chainId: number;
      fatalError: string | null;
      headBlock: number | null;
      indexedBlock: number | null;
      lagBlocks: number | null;
      lastRpcError: string | null;
      phase: string;
      rpcErrors: number;
      /** @enum {string} */
      status: "ok" | "stuck" | "failed";
    };
    LedgerEntry: {
      /**
       * @description Unsigned; direction says which way
       * @example 1000000000000000000
       */
      amount: string;
      blockNumber: number;
      /** @example 0xabababababababababababababababababababab */
      counterparty: string | null;
      counterpartyName: string | null;
      /** @enum {string} */
      direction: "in" | "out";
      /** @enum {string} */
      kind: "deposit" | "grant" | "stream" | "stream-return";
      logIndex: number;
      memo: string;
      /** @description The proposal whose execution moved it, when one did */
      proposalId: string | null;
      streamId: number | null;
      subFund: number;
      subFundName: string;
      /** @description The block's Unix time (null if the node did not answer) */
      time: number | null;
      transactionHash: string;
    };
    LedgerPage: {
      items: components["schemas"]["LedgerEntry"][];
      nextCursor: string | null;
    };
    LicenceRecord: {
      block_number: number;
      commons_use: boolean;
      expiry: number | null;
      licence_id: number;
      /** @example 0xabababababababababababababababababababab */
      licensee: string;
      /** @example 1000000000000000000 */
      price: string;
      record_id: number;
      revoke_reason: string | null;
      revoked: boolean;
      start_time: number | null;
      version: number;
      work_id: number;
    };
    LicenceRecordPage: {
      items: components["schemas"]["LicenceRecord"][];
      nextCursor: string | null;
    };
    LicenceStatus: {
      /** @example 0xabababababababababababababababababababab */
      account: string;
      allowed: boolean;
      /** @description The block timestamp the answer holds at */
      at: number;
      explanation: string;
      licenceId: number;
      /** @enum {string} */
      reason:
        | "UnknownWork"
        | "SuspendedWork"
        | "NotMember"
        | "Forbidden"
        | "OpenLicence"
        | "CommonsUse"
        | "PaidLicence"
        | "NoLicence"
        | "Expired"
        | "Revoked";
      reasonCode: number;
      recordId: number;
      validUntil: number;
      workId: number | null;
    };
    LicenceTemplate: {
      active: boolean;
      block_number: number;
      bounds: {
        [key: string]: unknown;
      };
      commercial_use: number;
      compatibleLicences: number[];
      legal_text_hash: string;
      legal_text_uri: string;
      licence_id: number;
      name: string;
      terms: {
        [key: string]: unknown;
      };
    };
    LicenceTemplates: {
      items: components["schemas"]["LicenceTemplate"][];
    };
    ManifestEntry: {
      path: string;
      sha256: string;
      size: number;
    };
    Movement: {
      /** @example 0xabababababababababababababababababababab */
      account: string | null;
      /**
       * @description Signed: into the sub-fund positive, out negative
       * @example 1000000000000000000
       */
      amount: string;
      block_number: number;
      /** @enum {string} */
      kind: "deposit" | "grant" | "stream" | "stream-return";
      log_index: number;
      memo: string;
      stream_id: number | null;
      sub_fund: number;
      transaction_hash: string;
    };
    MovementPage: {
      items: components["schemas"]["Movement"][];
      nextCursor: string | null;
    };
    Name: {
      /** @example 0xabababababababababababababababababababab */
      address: string;
      /** @enum {string|null} */
      kindName: "None" | "Person" | "Cooperative" | "Place" | "Enterprise" | null;
      name: string | null;
      /**
       * @description Where the name comes from: a Place's on-chain name, a profile, SPIN's address book
       * @enum {string|null}
       */
      source: "place" | "profile" | "contract" | null;
      /** @enum {string|null} */
      statusName: "None" | "Applicant" | "Admitted" | "Suspended" | "Expelled" | null;
    };
    Names: {
      items: components["schemas"]["Name"][];
    };
    Participant: {
      /** @example 0xabababababababababababababababababababab */
      account: string;
      application: components["schemas"]["Application"];
      block_number: number;
      is_protocol: boolean;
      kind: number;
      /** @enum {string} */
      kindName: "None" | "Person" | "Cooperative" | "Place" | "Enterprise";
      /** @description Admission time (0 if not admitted) */
      member_since: number;
      /** @description Display name: a Place's on-chain name, else its profile document's name */
      name: string | null;
      place: components["schemas"]["Place"];
      profile_hash: string | null;
      profile_uri: string | null;
      status: number;
      status_reason: string | null;
      /** @enum {string} */
      statusName: "None" | "Applicant" | "Admitted" | "Suspended" | "Expelled";
      vote: components["schemas"]["VoteStanding"];
      vote_ripens_at: number;
      vouches: number;
      window_end: number;
    };
    ParticipantDetail: components["schemas"]["Participant"] & {
      delegation: components["schemas"]["Delegation"];
      /** @description Who vouched for the current round of its application, in order */
      vouchers: components["schemas"]["Voucher"][];
    };
    ParticipantPage: {
      items: components["schemas"]["Participant"][];
      nextCursor: string | null;
    };
    PendingApplication: {
      about: string | null;
      /** @example 0xabababababababababababababababababababab */
      applicant: string;
      application: components["schemas"]["RelayableApplication"];
      deadline: number;
      /** @enum {string} */
      kindName: "None" | "Person" | "Cooperative" | "Place" | "Enterprise";
      /** @description The profile document's name */
      name: string | null;
      profile: components["schemas"]["ProfileDocument"] & (Record<string, never> | null);
      receivedAt: string;
      signature: string;
    };
    PendingApplicationPage: {
      items: components["schemas"]["PendingApplication"][];
      nextCursor: string | null;
    };
    Place: {
      country: string;
      latitudeE6: number;
      longitudeE6: number;
      machines: string[];
      name: string;
    } | null;
    ProfileDocument: {
      about?: string;
      /** @enum {string} */
      kind: "Person" | "Cooperative" | "Place" | "Enterprise";
      location?: {
        country?: string;
        latitude: number;
        locality?: string;
        longitude: number;
      };
      machines?: string[];
      name: string;
    };
    Proposal: {
      actions: {
        [key: string]: unknown;
      }[];
      block_number: number;
      description: string;
      eta: number | null;
      /** @description One of pending, active, succeeded, defeated, queued, executed, canceled */
      phase: string;
      proposal_id: string;
      /** @example 0xabababababababababababababababababababab */
      proposer: string;
      /**
       * @description Null until the snapshot is in the past
       * @example 1000000000000000000
       */
      quorum: string | null;
      state: string;
      /** @description The description's first line, without heading marks */
      title: string;
      vote_end: number;
      vote_start: number;
      /** @example 1000000000000000000 */
      votes_abstain: string;
      /** @example 1000000000000000000 */
      votes_against: string;
      /** @example 1000000000000000000 */
      votes_for: string;
    };
    ProposalAccountView: {
      /** @example 0xabababababababababababababababababababab */
      account: string;
      /**
       * @description Its delegate at the snapshot
       * @example 0xabababababababababababababababababababab
       */
      delegate: string | null;
      delegateName: string | null;
      delegateVote: {
        /** @enum {string} */
        kind: "vote" | "override" | "reduced";
        reason: string;
        /** @enum {string} */
        support: "Against" | "For" | "Abstain";
        transactionBlock: number;
        /** @example 1000000000000000000 */
        weight: string;
      } | null;
      vote: {
        /** @enum {string} */
        kind: "vote" | "override" | "reduced";
        reason: string;
        /** @enum {string} */
        support: "Against" | "For" | "Abstain";
        transactionBlock: number;
        /** @example 1000000000000000000 */
        weight: string;
      } | null;
      /**
       * @description The account's votes at the proposal's snapshot
       * @example 1000000000000000000
       */
      votingPower: string;
    } | null;
    ProposalDetail: components["schemas"]["Proposal"] & {
      account: components["schemas"]["ProposalAccountView"];
      body: string;
      calls: components["schemas"]["DecodedCall"][];
      proposerName: string | null;
      tally: {
        /** @example 1000000000000000000 */
        abstain: string;
        /** @example 1000000000000000000 */
        against: string;
        /** @example 1000000000000000000 */
        for: string;
        /** @example 1000000000000000000 */
        quorum: string | null;
        quorumReached: boolean;
      };
      timeline: components["schemas"]["TimelineEntry"][];
      votes: components["schemas"]["Vote"][];
    };
    ProposalPage: {
      items: components["schemas"]["Proposal"][];
      nextCursor: string | null;
    };
    RelayableApplication: {
      /** @example 0xabababababababababababababababababababab */
      applicant: string;
      deadline: string;
      kind: number;
      nonce: string;
      place: {
        country: string;
        latitudeE6: number;
        longitudeE6: number;
        machines: string[];
        name: string;
      };
      profileHash: string;
      profileURI: string;
    };
    SignedApplication: {
      /** @example 0xabababababababababababababababababababab */
      applicant: string;
      /** @example 1 */
      deadline: string;
      /** @description ICommonsRegistry.Kind: 1 Person, 2 Cooperative, 3 Place, 4 Enterprise */
      kind: number;
      /** @example 1 */
      nonce: string;
      place: components["schemas"]["SignedPlace"];
      /** @example 0x0000000000000000000000000000000000000000000000000000000000000000 */
      profileHash: string;
      profileURI: string;
    };
    SignedPlace: {
      country: string;
      latitudeE6: number;
      longitudeE6: number;
      machines: string[];
      name: string;
    };
    StoredApplication: {
      /** @example 0xabababababababababababababababababababab */
      applicant: string;
      deadline: number;
      /** @description Removed from the inbox then, if not relayed */
      expiresAt: string;
      nonce: string;
      profileHash: string;
    };
    StoredBundle: {
      cid: string;
      contentHash: string;
      entries: components["schemas"]["ManifestEntry"][];
      /** @description When the bundle is removed unless a registered work names it */
      expiresAt: string | null;
      frontMatter: {
        machines: string[];
        summary: string;
        tags: string[];
        title: string;
      };
      /** @example 0xabababababababababababababababababababab */
      uploader: string;
    };
    StoredProfile: {
      /** @description Removed then unless an application names it */
      expiresAt: string;
      profileHash: string;
    };
    Stream: {
      /** @example 1000000000000000000 */
      amount: string;
      block_number: number;
      cancelled: boolean;
      /** @example 1000000000000000000 */
      claimed: string;
      end_time: number;
      memo: string;
      /** @example 0xabababababababababababababababababababab */
      recipient: string;
      start_time: number;
      stream_id: number;
      sub_fund: number;
      /** @description From when governance may sweep what the recipient, unable to claim, left (Unix time); null unless someone marked the stream unclaimable since its last claim */
      sweepable_at: number | null;
    };
    StreamPage: {
      items: components["schemas"]["Stream"][];
      nextCursor: string | null;
    };
    SubFund: {
      /** @example 1000000000000000000 */
      balance: string;
      block_number: number;
      /** @description The cap in force at the indexed head's time (basis points of the balance) */
      cap_bps: number;
      locked_until: number;
      name: string;
      /** @description A raise governance scheduled: the cap in force from effectiveAt on (Unix time), null when none is pending */
      pendingCapRaise: {
        capBps: number;
        effectiveAt: number;
      } | null;
      /**
       * @description Licence fee shares Licensing holds for this sub-fund until flushFund
       * @example 1000000000000000000
       */
      pendingFromLicensing: string;
      sub_fund: number;
    };
    SubFunds: {
      items: components["schemas"]["SubFund"][];
    };
    TimelineEntry: {
      blockNumber: number | null;
      /** @enum {string} */
      event:
        | "created"
        | "votingStarts"
        | "votingEnds"
        | "extended"
        | "queued"
        | "executed"
        | "canceled"
        | "succeeded"
        | "defeated";
      time: number | null;
      transactionHash: string | null;
    };
    Transfer: {
      /** @example 1000000000000000000 */
      amount: string;
      block_number: number;
      /** @example 0xabababababababababababababababababababab */
      from_account: string;
      log_index: number;
      /** @example 0xabababababababababababababababababababab */
      to_account: string;
      transaction_hash: string;
    };
    TransferPage: {
      items: components["schemas"]["Transfer"][];
      nextCursor: string | null;
    };
    UnclaimableMark: {
      /**
       * @description The contributor or the stream's recipient
       * @example 0xabababababababababababababababababababab
       */
      account: string;
      /**
       * @description What a sweep would move at the indexed head: the contributor's claimable earnings, or the stream's unclaimed rest (vested or not)
       * @example 1000000000000000000
       */
      amount: string;
      /**
       * @description licence: a contributor's earnings from a work; stream: a stream's rest
       * @enum {string}
       */
      kind: "licence" | "stream";
      /** @description The stream (stream marks), else null */
      streamId: number | null;
      /** @description From when governance may sweep it (Unix time), unless the account claims first */
      sweepableAt: number;
      /** @description The work (licence marks), else null */
      workId: number | null;
    };
    UnclaimableMarkPage: {
      items: components["schemas"]["UnclaimableMark"][];
      nextCursor: string | null;
    };
    Vote: {
      block_number: number;
      /** @enum {string} */
      kind: "vote" | "override" | "reduced";
      log_index: number;
      name: string | null;
      proposal_id: string;
      reason: string;
      support: number;
      /** @enum {string} */
      supportName: "Against" | "For" | "Abstain";
      /** @example 0xabababababababababababababababababababab */
      voter: string;
      /** @example 1000000000000000000 */
      weight: string;
    };
    VoteStanding: {
      /** @description A ripe vote of an admitted, unsuspended Person */
      counts: boolean;
      ripensAt: number | null;
      /**
       * @description none (no vote: not an admitted Person), ripening (until ripensAt), ripenable (ripensAt passed: counts once someone calls ripen), ripe
       * @enum {string}
       */
      state: "none" | "ripening" | "ripenable" | "ripe";
    };
    Voucher: {
      blockNumber: number;
      name: string | null;
      transactionHash: string;
      /** @example 0xabababababababababababababababababababab */
      voucher: string;
    };
    WorkDetail: {
      adopters: string[];
      block_number: number;
      children: number[];
      content: {
        cid: string;
        machines: string[];
        summary: string | null;
        tags: string[];
        title: string | null;
      } | null;
      content_hash: string;
      contributors: {
        /** @example 0xabababababababababababababababababababab */
        account: string;
        shareBps: number;
      }[];
      income: {
        fromChildren: {
          blockNumber: number;
          fromWorkId: number;
          /** @example 1000000000000000000 */
          toContributors: string;
          /** @example 1000000000000000000 */
          toFund: string;
          /** @example 1000000000000000000 */
          toUpstream: string;
          transactionHash: string;
        }[];
        /** @example 1000000000000000000 */
        perBps: string;
        /** @example 1000000000000000000 */
        upstreamPending: string;
        /** @example 1000000000000000000 */
        upstreamReceived: string;
      };
      licence_id: number;
      metadata_uri: string;
      parents: number[];
      /** @example 1000000000000000000 */
      price: string | null;
      /** @example 0xabababababababababababababababababababab */
      registrant: string;
      status_reason: string | null;
      stewards: string[];
      suspended: boolean;
      version_count: number;
      versions: {
        /** @example 0xabababababababababababababababababababab */
        author: string;
        block_number: number;
        content_hash: string;
        /** @description Whether the hash still names this version (WorksRegistry.workOfHash): false once an older commitment took it over or governance released it */
        holdsContentHash: boolean;
        metadata_uri: string;
        version: number;
      }[];
      work_id: number;
    };
    WorkPage: {
      items: components["schemas"]["WorkSummary"][];
      nextCursor: string | null;
    };
    WorkSummary: {
      content_hash: string;
      contributors: {
        /** @example 0xabababababababababababababababababababab */
        account: string;
        shareBps: number;
      }[];
      licence_id: number;
      machines: string[] | null;
      metadata_uri: string;
      parents: number[];
      /** @example 0xabababababababababababababababababababab */
      registrant: string;
      summary: string | null;
      suspended: boolean;
      tags: string[] | null;
      title: string | null;
      version_count: number;
      work_id: number;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
