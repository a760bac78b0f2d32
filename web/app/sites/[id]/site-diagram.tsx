"use client";

import {
  Background,
  Controls,
  type Edge,
  Handle,
  MarkerType,
  type Node,
  type NodeProps,
  Position,
  ReactFlow,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo } from "react";

export interface DiagramZone {
  id: string;
  name: string;
  compliant: boolean;
  /** No assets yet: nothing to evaluate (neither compliant nor failing). */
  empty: boolean;
  gaps: number;
  assets: number;
  atRisk: number;
}
export interface DiagramConduit {
  id: string;
  name: string;
  from: string;
  to: string;
  compliant: boolean;
  assets: number;
}

const COLORS = {
  ok: { border: "#059669", background: "#ecfdf5", text: "#065f46" },
  gap: { border: "#dc2626", background: "#fef2f2", text: "#991b1b" },
  empty: { border: "#64748b", background: "#f8fafc", text: "#334155" },
};

/** How a zone's standing reads in the diagram and its screen-reader list. */
const zoneStanding = (zone: DiagramZone) =>
  zone.empty ? "no assets yet" : zone.compliant ? "compliant" : "not compliant";
const NODE_WIDTH = 230;
const COLUMN_GAP = 110;
const ROW_GAP = 170;

type ZoneNodeData = { zone: DiagramZone };

function ZoneNode({ data }: NodeProps<Node<ZoneNodeData>>) {
  const { zone } = data;
  const color = zone.empty ? COLORS.empty : zone.compliant ? COLORS.ok : COLORS.gap;
  const hidden = { opacity: 0, pointerEvents: "none" as const };
  return (
    <div
      className="rounded-lg px-3 py-2 text-left shadow-sm"
      style={{
        border: `2px solid ${color.border}`,
        background: color.background,
        color: color.text,
        width: NODE_WIDTH,
      }}
      data-testid={`diagram-zone-${zone.name}`}
      data-compliant={zone.compliant}
    >
      <Handle type="target" position={Position.Top} id="top" style={hidden} isConnectable={false} />
      <Handle type="target" position={Position.Left} id="left" style={hidden} isConnectable={false} />
      <div className="font-semibold">{zone.name}</div>
      <div className="mt-0.5 text-xs">
        {zone.empty ? "No assets yet" : zone.compliant ? "✓ Compliant" : "✗ Not compliant"}
        {zone.empty ? "" : ` · ${zone.assets} asset${zone.assets === 1 ? "" : "s"}`}
      </div>
      {zone.gaps || zone.atRisk ? (
        <div className="mt-0.5 text-xs font-medium">
          {zone.gaps ? `${zone.gaps} with a gap` : ""}
          {zone.gaps && zone.atRisk ? " · " : ""}
          {zone.atRisk ? `${zone.atRisk} at risk` : ""}
        </div>
      ) : null}
      <Handle type="source" position={Position.Bottom} id="bottom" style={hidden} isConnectable={false} />
      <Handle type="source" position={Position.Right} id="right" style={hidden} isConnectable={false} />
    </div>
  );
}

const nodeTypes = { zone: ZoneNode };

/**
 * Zones in layers: the best-connected zone (usually the DMZ) on top, the zones it reaches by conduits below it,
 * and so on; each layer ordered by where its neighbours above sit, so conduits rarely cross.
 */
export function layoutZones(zones: DiagramZone[], conduits: DiagramConduit[]) {
  const neighbours = new Map(zones.map((z) => [z.id, new Set<string>()]));
  for (const k of conduits) {
    neighbours.get(k.from)?.add(k.to);
    neighbours.get(k.to)?.add(k.from);
  }
  const level = new Map<string, number>();
  const byDegree = [...zones].sort(
    (a, b) =>
      (neighbours.get(b.id)?.size ?? 0) - (neighbours.get(a.id)?.size ?? 0) || a.name.localeCompare(b.name),
  );
  let base = 0;
  for (const start of byDegree) {
    if (level.has(start.id)) continue;
    level.set(start.id, base);
    const queue = [start.id];
    let deepest = base;
    while (queue.length) {
      const id = queue.shift() as string;
      for (const next of neighbours.get(id) ?? []) {
        if (level.has(next)) continue;
        const depth = (level.get(id) ?? 0) + 1;
        level.set(next, depth);
        deepest = Math.max(deepest, depth);
        queue.push(next);
      }
    }
    base = deepest + 1;
  }
  const rows: string[][] = [];
  for (const zone of [...zones].sort((a, b) => a.name.localeCompare(b.name))) {
    const row = level.get(zone.id) ?? 0;
    rows[row] = [...(rows[row] ?? []), zone.id];
  }
  const x = new Map<string, number>();
  const positions = new Map<string, { x: number; y: number; row: number }>();
  const widest = Math.max(...rows.map((row) => row?.length ?? 0));
  rows.forEach((row = [], r) => {
    if (r > 0) {
      const centre = (id: string) => {
        const above = [...(neighbours.get(id) ?? [])].filter((n) => (level.get(n) ?? 0) < r);
        return above.length ? above.reduce((sum, n) => sum + (x.get(n) ?? 0), 0) / above.length : 0;
      };
      row.sort((a, b) => centre(a) - centre(b));
    }
    const offset = ((widest - row.length) * (NODE_WIDTH + COLUMN_GAP)) / 2;
    row.forEach((id, i) => {
      const left = offset + i * (NODE_WIDTH + COLUMN_GAP);
      x.set(id, left);
      positions.set(id, { x: left, y: r * ROW_GAP, row: r });
    });
  });
  return positions;
}

/** Zones as boxes, conduits as lines between them, green when compliant and red when not; click to open. */
export function SiteDiagram({
  siteId,
  zones,
  conduits,
}: {
  siteId: string;
  zones: DiagramZone[];
  conduits: DiagramConduit[];
}) {
  const router = useRouter();
  const { nodes, edges } = useMemo(() => {
    const positions = layoutZones(zones, conduits);
    const nodes: Node<ZoneNodeData>[] = zones.map((zone) => ({
      id: zone.id,
      type: "zone",
      position: positions.get(zone.id) ?? { x: 0, y: 0 },
      data: { zone },
      style: { cursor: "pointer" },
      ariaLabel: `Zone ${zone.name}: ${zoneStanding(zone)}`,
    }));
    const edges: Edge[] = conduits.map((conduit) => {
      const color = conduit.compliant ? COLORS.ok.border : COLORS.gap.border;
      const [a, b] = [positions.get(conduit.from), positions.get(conduit.to)];
      const sameRow = a && b && a.row === b.row;
      // Draw from the upper (or left) zone to the lower (or right) one; conduits carry traffic both ways.
      const forward = !a || !b ? true : sameRow ? a.x <= b.x : a.row < b.row;
      const [source, target] = forward ? [conduit.from, conduit.to] : [conduit.to, conduit.from];
      return {
        id: conduit.id,
        source,
        target,
        sourceHandle: sameRow ? "right" : "bottom",
        targetHandle: sameRow ? "left" : "top",
        label: `${conduit.name}${conduit.assets ? "" : " (no assets)"}`,
        ariaLabel: `Conduit ${conduit.name}: ${conduit.compliant ? "compliant" : "not compliant"}`,
        style: { stroke: color, strokeWidth: 2.5, strokeDasharray: conduit.compliant ? undefined : "6 4" },
        labelStyle: { fill: color, fontWeight: 600, fontSize: 12 },
        labelBgStyle: { fill: "#fff" },
        labelBgPadding: [6, 3] as [number, number],
        markerEnd: { type: MarkerType.ArrowClosed, color },
        markerStart: { type: MarkerType.ArrowClosed, color },
      };
    });
    return { nodes, edges };
  }, [zones, conduits]);
  const rows = Math.max(1, ...[...layoutZones(zones, conduits).values()].map((p) => p.row + 1));
  return (
    <figure>
      <section
        className="w-full rounded-lg border border-slate-200 bg-white"
        style={{ height: Math.min(560, 140 + rows * 150) }}
        data-testid="site-diagram"
        aria-label={`Diagram of ${zones.length} zones and ${conduits.length} conduits, coloured by compliance`}
      >
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          fitView
          fitViewOptions={{ padding: 0.15, maxZoom: 1 }}
          nodesConnectable={false}
          nodesDraggable
          minZoom={0.3}
          onNodeClick={(_, node) => router.push(`/sites/${siteId}/zones/${node.id}`)}
          onEdgeClick={(_, edge) => router.push(`/sites/${siteId}/zones/${edge.id}`)}
        >
          <Background gap={16} color="#e2e8f0" />
          <Controls showInteractive={false} />
        </ReactFlow>
      </section>
      <div className="mt-2 flex flex-wrap items-center gap-4 text-xs text-slate-600" aria-hidden>
        <span className="inline-flex items-center gap-1">
          <span className="inline-block h-3 w-5 rounded-sm border-2 border-emerald-600 bg-emerald-50" />{" "}
          Compliant
        </span>
        <span className="inline-flex items-center gap-1">
          <span className="inline-block h-3 w-5 rounded-sm border-2 border-red-600 bg-red-50" /> Not compliant
        </span>
        <span className="inline-flex items-center gap-1">
          <span className="inline-block w-6 border-t-2 border-dashed border-red-600" /> Conduit below its SL-T
        </span>
      </div>
      <ul className="sr-only">
        {zones.map((zone) => (
          <li key={zone.id}>
            <Link href={`/sites/${siteId}/zones/${zone.id}`}>
              Zone {zone.name}: {zoneStanding(zone)}
            </Link>
          </li>
        ))}
        {conduits.map((conduit) => (
          <li key={conduit.id}>
            <Link href={`/sites/${siteId}/zones/${conduit.id}`}>
              Conduit {conduit.name}: {conduit.compliant ? "compliant" : "not compliant"}
            </Link>
          </li>
        ))}
      </ul>
    </figure>
  );
}
