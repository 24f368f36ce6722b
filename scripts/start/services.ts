/**
 * The services `npm start` runs on top of the chain: the indexer with its API, and the web app,
 * each started when its part of the repository exists.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { repositoryRoot, type StartConfig } from "./config.ts";

export interface Service {
  name: string;
  url: string;
  stop(): Promise<void>;
}

export async function startServices(
  config: StartConfig,
  rpcUrl: string,
  log: (line: string) => void,
): Promise<Service[]> {
  const services: Service[] = [];
  if (!existsSync(path.join(repositoryRoot, "indexer"))) log("no indexer in this checkout yet");
  if (!existsSync(path.join(repositoryRoot, "web"))) log("no web app in this checkout yet");
  void config;
  void rpcUrl;
  return services;
}
