"use client";

import { Background, Controls, type Edge, MarkerType, type Node, ReactFlow } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useRouter } from "next/navigation";

export interface DiagramZone {
  id: string;
  name: string;
  compliant: boolean;
  gaps: number;
  assets: number;
}
export interface DiagramConduit {
  id: string;
  name: string;
  from: string;
  to: string;
  compliant: boolean;
}

const COLORS = {
  ok: { border: "#059669", background: "#ecfdf5", text: "#065f46" },
  gap: { border: "#dc2626", background: "#fef2f2", text: "#991b1b" },
};

/** Zones as boxes, conduits as edges, green when compliant and red when not; click a zone to open it. */
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
  const columns = Math.max(2, Math.ceil(Math.sqrt(zones.length)));
  const nodes: Node[] = zones.map((zone, i) => {
    const color = zone.compliant ? COLORS.ok : COLORS.gap;
    return {
      id: zone.id,
      position: { x: (i % columns) * 320, y: Math.floor(i / columns) * 190 },
      data: {
        label: (
          <div className="text-left" data-testid={`diagram-zone-${zone.name}`}>
            <div className="font-semibold">{zone.name}</div>
            <div className="text-xs">
              {zone.compliant ? "Compliant" : "Not compliant"} · {zone.assets} asset
              {zone.assets === 1 ? "" : "s"}
              {zone.gaps ? ` · ${zone.gaps} gap${zone.gaps === 1 ? "" : "s"}` : ""}
            </div>
          </div>
        ),
      },
      style: {
        border: `2px solid ${color.border}`,
        background: color.background,
        color: color.text,
        borderRadius: 8,
        width: 220,
        cursor: "pointer",
      },
    };
  });
  const edges: Edge[] = conduits.map((conduit) => {
    const color = conduit.compliant ? COLORS.ok.border : COLORS.gap.border;
    return {
      id: conduit.id,
      source: conduit.from,
      target: conduit.to,
      label: conduit.name,
      style: { stroke: color, strokeWidth: 2.5 },
      labelStyle: { fill: color, fontWeight: 600, fontSize: 12 },
      labelBgStyle: { fill: "#fff" },
      markerEnd: { type: MarkerType.ArrowClosed, color },
      markerStart: { type: MarkerType.ArrowClosed, color },
    };
  });
  return (
    <div className="h-[420px] w-full rounded-lg border border-slate-200 bg-white" data-testid="site-diagram">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        fitView
        fitViewOptions={{ padding: 0.2 }}
        nodesConnectable={false}
        proOptions={{ hideAttribution: true }}
        onNodeClick={(_, node) => router.push(`/sites/${siteId}/zones/${node.id}`)}
        onEdgeClick={(_, edge) => router.push(`/sites/${siteId}/zones/${edge.id}`)}
      >
        <Background gap={16} color="#e2e8f0" />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
