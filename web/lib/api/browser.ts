/** The API as the page reads it: the typed client through this app's /api/spin route. */
import { API_PROXY_PATH } from "../config";
import { apiClient } from "./client";

/** The page talks to no other origin: /api/spin forwards to the indexer's API. */
export const browserApi = apiClient(API_PROXY_PATH);
