// Types of ./backup.mjs for the tests that import it.
export function postgresOwner(): { uid: number; gid: number } | undefined;
export function baseBackup(options: {
  url: string;
  dataDir: string;
  out: string;
  label?: string;
}): Promise<{ file: string; startLsn: string; stopLsn: string }>;
export function restoreBaseBackup(options: { file: string; dataDir: string; standby?: { primaryConninfo: string } }): {
  dataDir: string;
  movedTo?: string;
};
export function embeddedPostgresBinary(): Promise<string>;
export function startCluster(
  dataDir: string,
  options?: { user?: string; password?: string; flags?: string[]; binDir?: string },
): Promise<{ url: (database: string) => string; log: () => string; stop: () => Promise<void> }>;
export function findPgTool(name: string, serverMajor: number): string | undefined;
export function isFile(file: string): boolean;
export function installedServerBinDir(): string | undefined;
export function initCluster(dataDir: string, options: { binDir: string; user?: string; password?: string }): string;
