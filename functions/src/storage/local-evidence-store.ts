import { createReadStream } from "node:fs";
import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { z } from "zod";
import {
  checkEvidence,
  checkRef,
  type EvidenceLimits,
  type EvidenceRef,
  type EvidenceStat,
  type EvidenceStore,
  newEvidenceId,
  sha256Hex,
} from "./evidence-store";

const ZSidecar = z.object({ contentType: z.string(), size: z.number().int().min(0), sha256: z.string() });

/**
 * Evidence on the local disk: `<root>/<tenantId>/<evidenceId>` plus a `.json` sidecar with type, size and
 * SHA-256. Files are written to a temporary name and renamed, so a reader never sees half a file.
 */
export function createLocalEvidenceStore(options: { root: string; limits: EvidenceLimits }): EvidenceStore {
  const { root, limits } = options;
  const pathsOf = (ref: EvidenceRef) => {
    const { tenantId, evidenceId } = checkRef(ref);
    const file = path.join(root, tenantId, evidenceId);
    return { dir: path.join(root, tenantId), file, sidecar: `${file}.json` };
  };

  async function readSidecar(ref: EvidenceRef): Promise<EvidenceStat | undefined> {
    try {
      return ZSidecar.parse(JSON.parse(await readFile(pathsOf(ref).sidecar, "utf8")));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
  }

  return {
    kind: "local",
    limits,
    async put(input) {
      const contentType = checkEvidence(limits, input.contentType, input.bytes.byteLength);
      const evidenceId = input.evidenceId ?? newEvidenceId();
      const { dir, file, sidecar } = pathsOf({ tenantId: input.tenantId, evidenceId });
      const sha256 = sha256Hex(input.bytes);
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const temporary = `${file}.${process.pid}.${Date.now()}.part`;
      await writeFile(temporary, input.bytes, { mode: 0o600 });
      await rename(temporary, file);
      const meta = { contentType, size: input.bytes.byteLength, sha256 };
      await writeFile(`${sidecar}.part`, JSON.stringify(meta), { mode: 0o600 });
      await rename(`${sidecar}.part`, sidecar);
      return { evidenceId, ...meta };
    },
    async get(ref) {
      const meta = await readSidecar(ref);
      if (!meta) return undefined;
      const { file } = pathsOf(ref);
      try {
        await stat(file);
      } catch {
        return undefined;
      }
      const body = Readable.toWeb(createReadStream(file)) as unknown as ReadableStream<Uint8Array>;
      return { ...meta, body };
    },
    stat: readSidecar,
  };
}
