import "server-only";
// Server-only entry to the file store (the implementation and the FileStore interface are in ./index.ts).
export { getFileStore, fileUrl, keyOfUrl, isValidKey, randomName, type FileStore, type StoredFile } from "./index";
