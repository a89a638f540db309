/** file: URIs to paths and back, enough for the files an editor opens. */
import { fileURLToPath, pathToFileURL } from 'node:url';

export const URI = {
  toPath(uri: string): string {
    if (uri.startsWith('file:')) {
      try {
        return fileURLToPath(uri);
      } catch {
        return uri;
      }
    }
    return uri;
  },
  fromPath(p: string): string {
    return /^[a-z][a-z0-9+.-]*:/i.test(p) ? p : pathToFileURL(p).href;
  },
};
