"use client";

import { FOUNDATIONAL_REQUIREMENTS } from "@assure/shared";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

export interface SlSeries {
  name: string;
  levels: readonly number[];
  color: string;
  /** Per FR colours (e.g. red where SL-A falls below SL-T); `color` where absent. */
  colors?: readonly (string | undefined)[];
}

/** Two-line FR tick: the number on top, the short code below, so all seven fit in a narrow card. */
function FrTick({ x, y, payload }: { x?: number; y?: number; payload?: { value: string } }) {
  const [fr, code] = (payload?.value ?? "").split(" ");
  return (
    <g transform={`translate(${x ?? 0},${y ?? 0})`}>
      <text dy={12} textAnchor="middle" fontSize={11} fill="#334155">
        {fr}
      </text>
      <text dy={25} textAnchor="middle" fontSize={10} fill="#64748b">
        {code}
      </text>
    </g>
  );
}

/**
 * Per foundational requirement as grouped bars: security levels (SL-C, SL-T, SL-A; axis 0–4) or, with
 * `yLabel`, counts (e.g. assets with a gap per FR; axis from 0 up).
 */
export function SlChart({ series, title, yLabel }: { series: SlSeries[]; title: string; yLabel?: string }) {
  const data = FOUNDATIONAL_REQUIREMENTS.map((fr, i) => ({
    fr: `FR${fr.fr} ${fr.code}`,
    ...Object.fromEntries(series.map((s) => [s.name, s.levels[i] ?? 0])),
  }));
  const counts = yLabel !== undefined;
  return (
    <figure aria-label={title} className="w-full">
      <div className="h-64 w-full" data-testid="sl-chart">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="fr" interval={0} height={36} tick={<FrTick />} />
            <YAxis
              domain={counts ? [0, "auto"] : [0, 4]}
              {...(counts ? {} : { ticks: [0, 1, 2, 3, 4] })}
              allowDecimals={false}
              tick={{ fontSize: 12 }}
            />
            <Tooltip formatter={(value) => (counts ? `${value} ${yLabel}` : `SL ${value}`)} />
            <Legend />
            {series.map((s) => (
              <Bar
                key={s.name}
                dataKey={s.name}
                fill={s.color}
                radius={[3, 3, 0, 0]}
                isAnimationActive={false}
              >
                {s.colors
                  ? data.map((row, i) => <Cell key={row.fr} fill={s.colors?.[i] ?? s.color} />)
                  : null}
              </Bar>
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="sr-only">
        {title}:{" "}
        {series
          .map(
            (s) =>
              `${s.name} ${FOUNDATIONAL_REQUIREMENTS.map((fr, i) => `FR${fr.fr} ${s.levels[i]}`).join(", ")}`,
          )
          .join("; ")}
      </figcaption>
    </figure>
  );
}
