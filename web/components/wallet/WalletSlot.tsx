"use client";
/**
 * The wallet's place in the header. A visitor who never connected gets a light button; the
 * wallet's code loads when they press it, or at once for a browser that connected before.
 * Without JavaScript the button is a link to the wallet page; on a light read page, the light
 * script makes it load the page again with the wallet (lib/lite-runtime.ts).
 */
import { wantWallet } from "@/lib/wallet/state";
import { Island } from "./Island";

export function WalletSlot({ label }: { label: string }) {
  return (
    <Island
      name="account"
      props={{}}
      fallback={
        <a
          href="/wallet"
          className="button primary"
          data-testid="connect"
          data-wallet-connect=""
          onClick={(e) => {
            e.preventDefault();
            wantWallet(true);
          }}
        >
          {label}
        </a>
      }
    />
  );
}
