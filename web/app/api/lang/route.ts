/**
 * POST /api/lang: the language chosen in the header's form, for browsers without JavaScript.
 * Sets the `spin-lang` cookie and goes back to the page the form was on (this site's only).
 */
import { isLocale, LOCALE_COOKIE } from "@/lib/i18n";

export async function POST(request: Request): Promise<Response> {
  const form = await request.formData().catch(() => null);
  const lang = form?.get("lang");
  const back = form?.get("back");
  if (!isLocale(lang))
    return Response.json(
      { error: "invalid_request", message: "lang must be en, fr or es", field: "lang" },
      { status: 400 },
    );
  const path = typeof back === "string" && /^\/(?!\/)[^\s\\]*$/.test(back) ? back : "/";
  return new Response(null, {
    status: 303,
    headers: {
      location: path,
      "set-cookie": `${LOCALE_COOKIE}=${lang}; Path=/; Max-Age=31536000; SameSite=Lax`,
    },
  });
}
