/**
 * Packs an extension folder into a minimal .vsix (a zip with a manifest) that `code-server --install-extension`
 * accepts offline. For test extensions such as the harness probe; the real extension is packaged by its own
 * build. Entries are stored uncompressed: the files are small and it keeps this a few lines of zlib.crc32.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { crc32 } from "node:zlib";

interface Entry {
  name: string;
  data: Buffer;
}

/** A zip archive, "stored" method, no data descriptors: what the VSIX readers need and no more. */
function zip(entries: Entry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBytes = Buffer.from(name, "utf8");
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The file itself, or every file under a folder. */
function filesAt(path: string): string[] {
  if (statSync(path).isFile()) return [path];
  return readdirSync(path, { recursive: true, encoding: "utf8" })
    .map((name) => join(path, name))
    .filter((file) => statSync(file).isFile());
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

interface ExtensionManifest {
  name: string;
  publisher: string;
  version: string;
  displayName?: string;
  description?: string;
  engines: { vscode: string };
}

/**
 * Writes `outFile` from `extensionDir`: its package.json plus `include` (files, or folders taken whole, relative
 * to the extension; default ["out"]). Returns the extension id (`publisher.name`).
 */
export function packVsix(extensionDir: string, outFile: string, include: string[] = ["out"]): string {
  const manifest = JSON.parse(readFileSync(join(extensionDir, "package.json"), "utf8")) as ExtensionManifest;
  const files = [join(extensionDir, "package.json"), ...include.flatMap((entry) => filesAt(join(extensionDir, entry)))];
  const vsixManifest = `<?xml version="1.0" encoding="utf-8"?>
<PackageManifest Version="2.0.0" xmlns="http://schemas.microsoft.com/developer/vsx-schema/2011" xmlns:d="http://schemas.microsoft.com/developer/vsx-schema-design/2011">
  <Metadata>
    <Identity Language="en-US" Id="${escapeXml(manifest.name)}" Version="${escapeXml(manifest.version)}" Publisher="${escapeXml(manifest.publisher)}" />
    <DisplayName>${escapeXml(manifest.displayName ?? manifest.name)}</DisplayName>
    <Description xml:space="preserve">${escapeXml(manifest.description ?? "")}</Description>
    <Properties>
      <Property Id="Microsoft.VisualStudio.Code.Engine" Value="${escapeXml(manifest.engines.vscode)}" />
    </Properties>
  </Metadata>
  <Installation>
    <InstallationTarget Id="Microsoft.VisualStudio.Code" />
  </Installation>
  <Dependencies />
  <Assets>
    <Asset Type="Microsoft.VisualStudio.Code.Manifest" Path="extension/package.json" Addressable="true" />
  </Assets>
</PackageManifest>
`;
  const contentTypes = `<?xml version="1.0" encoding="utf-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension=".json" ContentType="application/json" /><Default Extension=".vsixmanifest" ContentType="text/xml" /><Default Extension=".cjs" ContentType="application/javascript" /><Default Extension=".js" ContentType="application/javascript" /></Types>
`;
  const entries: Entry[] = [
    { name: "[Content_Types].xml", data: Buffer.from(contentTypes) },
    { name: "extension.vsixmanifest", data: Buffer.from(vsixManifest) },
    ...files.map((path) => ({ name: `extension/${relative(extensionDir, path).split("\\").join("/")}`, data: readFileSync(path) })),
  ];
  writeFileSync(outFile, zip(entries));
  return `${manifest.publisher}.${manifest.name}`;
}
