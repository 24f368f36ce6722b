/** The settings a page hands the wallet's code as JSON data (see components/wallet/Boot.tsx). */
import type { AddressBook } from "@spin/shared";
import type { SpinConfig } from "./config";
import type { Locale } from "./i18n/locales";

export const BOOT_ELEMENT_ID = "spin-boot";

export interface Boot {
  config: SpinConfig;
  book: AddressBook;
  /** Local-chain demo identities are offered (chain 31337 with a local node configured). */
  demo: boolean;
  locale: Locale;
}
