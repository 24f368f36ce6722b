/**
 * A read page's body, or, when the API refuses what the address asks (a damaged or outdated
 * page link, a filter it does not take: 400), a page that says so in words and leads back to the
 * list's first page, instead of the framework's error page. The view is called here, so the
 * refusal of its own reads is caught; anything else goes on to the framework. A light page
 * answers it with status 400 (lib/server/page-status.ts).
 */
import type { ReactNode } from "react";
import { ApiError } from "@/lib/api/client";
import type { ServerI18n } from "@/lib/i18n";
import { setPageStatus } from "@/lib/server/page-status";
import type { ReadPage } from "./read-page";

export async function ReadView<Input>(props: {
  page: ReadPage<Input>;
  i18n: ServerI18n;
  input: Input;
}): Promise<ReactNode> {
  const { page, i18n, input } = props;
  try {
    return await page.View({ i18n, input });
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 400) throw error;
    // A light page answers 400; the App Router's has begun streaming with 200 by now.
    setPageStatus(400);
    const { t } = i18n;
    return (
      <div className="page narrow" data-testid="refused-address">
        <h1>{t("refused.title")}</h1>
        <p>{t("refused.body")}</p>
        <p className="muted small">{t("refused.detail", { detail: error.message })}</p>
        <p>
          {/* The same page without its query: the list's first page. */}
          <a href="?">{t("common.firstPage")}</a>
        </p>
      </div>
    );
  }
}
