/**
 * The only script of a light read page (served as /lite.js). It does what the App Router's
 * client components do on the same markup, without React:
 * - "Connect" asks for the wallet: the `spin-wallet` cookie is set for the visit and the page
 *   loads again, now from the App Router with the wallet's code, its chooser open. Where cookies
 *   are refused the link goes on to the wallet page.
 * - A browser that connected before (localStorage) gets the cookie for a year and the full page.
 * - The phone menu closes on Escape; the language form is sent on a change; copy buttons show
 *   where the clipboard can be written.
 *
 * `startLite` must not refer to anything outside itself: /lite.js is its source text.
 */
export interface LiteSettings {
  /** The wallet cookie's name, and its `document.cookie` assignments (lib/lite.ts). */
  cookie: string;
  visitCookie: string;
  yearCookie: string;
  storageKey: string;
  openKey: string;
}

export function startLite(settings: LiteSettings): void {
  const hasCookie = () =>
    document.cookie.split(";").some((part) => part.trim() === `${settings.cookie}=1`);
  const setCookie = (assignment: string) => {
    document.cookie = assignment;
    return hasCookie();
  };
  const stored = (get: () => string | null) => {
    try {
      return get();
    } catch {
      return null; // storage refused (a privacy setting): behave as a first visit
    }
  };

  if (
    stored(() => window.localStorage.getItem(settings.storageKey)) === "1" &&
    !hasCookie() &&
    setCookie(settings.yearCookie)
  ) {
    window.location.reload();
    return;
  }

  for (const link of document.querySelectorAll<HTMLAnchorElement>("a[data-wallet-connect]")) {
    link.addEventListener("click", (event) => {
      if (!setCookie(settings.visitCookie)) return; // no cookies: the wallet page loads the wallet itself
      event.preventDefault();
      stored(() => (window.sessionStorage.setItem(settings.openKey, "1"), null));
      window.location.reload();
    });
  }

  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    for (const menu of document.querySelectorAll<HTMLDetailsElement>("details.nav-menu[open]")) {
      menu.open = false;
      menu.querySelector("summary")?.focus();
    }
  });

  for (const select of document.querySelectorAll<HTMLSelectElement>("form.lang select")) {
    select.addEventListener("change", () => select.form?.requestSubmit());
  }

  if (navigator.clipboard) {
    for (const button of document.querySelectorAll<HTMLButtonElement>("button[data-copy]")) {
      button.hidden = false;
      button.addEventListener("click", () => {
        const address = button.dataset.copy ?? "";
        void navigator.clipboard.writeText(address).then(
          () => {
            button.dataset.done = "";
            button.title = button.dataset.copied ?? button.title;
          },
          () => delete button.dataset.done,
        );
      });
    }
  }
}
