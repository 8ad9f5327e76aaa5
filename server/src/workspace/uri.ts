import { fileURLToPath, pathToFileURL } from "node:url";

/** The model names files by path for `file:` documents and by the URI itself for anything else (untitled:...). */
export function fileOfUri(uri: string): string {
  if (!uri.startsWith("file:")) return uri;
  try {
    return fileURLToPath(uri);
  } catch {
    return uri;
  }
}

export function uriOfFile(file: string): string {
  return file.startsWith("/") ? pathToFileURL(file).href : file;
}
